import type { AnyBulkWriteOperation, Connection, Model } from 'mongoose';
import type { Posting } from './posting.schema';

/** Update operations per bulkWrite command on MongoDB: one round trip each. */
const MONGODB_UPDATES_PER_COMMAND = 500;

/**
 * How many update operations one bulkWrite command may carry on the server connected to. FerretDB 1.24 keeps one
 * connection of its pool of 100 open for every updateOne of a command that matched a document, until that command
 * ends: commands under way that together hold about 100 wait for a connection forever, and the database stops
 * answering. There each update is sent as a command of its own (each is a collection scan there anyway).
 */
export async function updatesPerCommand(connection: Connection): Promise<number> {
  const info = await connection.db!.admin().command({ buildInfo: 1 });
  return info.ferretdbVersion ? 1 : MONGODB_UPDATES_PER_COMMAND;
}

/** `items` in consecutive slices of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}

/** Unordered bulkWrites of at most `perCommand` operations each, one after another; returns the modified count. */
export async function bulkUpdate(
  model: Model<Posting>,
  operations: AnyBulkWriteOperation<Posting>[],
  perCommand: number,
): Promise<number> {
  let modified = 0;
  for (const chunk of chunks(operations, perCommand))
    modified += (await model.bulkWrite(chunk, { ordered: false })).modifiedCount;
  return modified;
}
