import type { AnyBulkWriteOperation, Model } from 'mongoose';
import type { Posting } from './posting.schema';

/**
 * Update operations per bulkWrite command. FerretDB 1.24 keeps one connection of its pool of 100 open for every
 * updateOne of a command that matched a document, until the command ends: a command of about 100 such updates waits
 * for a connection forever, and the database stops answering with it. MongoDB pays one round trip per chunk.
 */
export const UPDATES_PER_COMMAND = 50;

export function inCommands<T>(operations: T[]): T[][] {
  return Array.from({ length: Math.ceil(operations.length / UPDATES_PER_COMMAND) }, (_, i) =>
    operations.slice(i * UPDATES_PER_COMMAND, (i + 1) * UPDATES_PER_COMMAND),
  );
}

/** Unordered bulkWrites of at most UPDATES_PER_COMMAND operations each, one after another; returns the modified count. */
export async function bulkUpdate(
  model: Model<Posting>,
  operations: AnyBulkWriteOperation<Posting>[],
): Promise<number> {
  let modified = 0;
  for (const chunk of inCommands(operations))
    modified += (await model.bulkWrite(chunk, { ordered: false })).modifiedCount;
  return modified;
}
