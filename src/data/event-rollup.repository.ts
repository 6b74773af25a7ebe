import { mongo, type Model, Types } from 'mongoose';
import { chunks } from './bulk-updates';
import type { EventCount } from './event-count.schema';
import type { Placement } from './placement.schema';
import type { Posting } from './posting.schema';

const DUPLICATE_KEY = 11000;
/** Ids per `{ _id: { $in } }` read, so a large batch is read in bounded queries. */
const READ_CHUNK = 1000;

/** One document's share of a minute batch. */
export type RolledCount = Omit<EventCount, '_id' | 'day' | 'appliedBatches'>;

function addOnce(batchId: string, day: string, count: RolledCount): mongo.AnyBulkWriteOperation<EventCount> {
  return {
    updateOne: {
      filter: {
        placementId: count.placementId,
        postingId: count.postingId,
        day,
        ranking: count.ranking,
        appliedBatches: { $ne: batchId },
      },
      update: {
        $inc: { impressions: count.impressions, clicks: count.clicks },
        $setOnInsert: { publisherId: count.publisherId, feedId: count.feedId },
        $push: { appliedBatches: batchId },
      },
      upsert: true,
    },
  };
}

/**
 * Sends the updates in one unordered bulkWrite and makes sure each was applied once. A duplicate key error means
 * the update matched no document without this batch and its upsert found the document there: either it already has
 * the batch (applied) or another batch inserted it at the same instant, so a colliding update is sent once more
 * (`retried`), where a second collision means applied. Any other failure throws, a write concern error included.
 */
async function addEach(
  collection: mongo.Collection<EventCount>,
  operations: mongo.AnyBulkWriteOperation<EventCount>[],
  retried = false,
): Promise<void> {
  try {
    await collection.bulkWrite(operations, { ordered: false });
  } catch (error) {
    if (!(error instanceof mongo.MongoBulkWriteError) || error.result.getWriteConcernError()) throw error;
    const writeErrors = [error.writeErrors].flat();
    if (!writeErrors.length || writeErrors.some((writeError) => writeError.code !== DUPLICATE_KEY))
      throw error;
    const { matchedCount, upsertedCount, upsertedIds } = error.result;
    if (matchedCount + upsertedCount + writeErrors.length < operations.length) {
      // The server stopped at the collision in spite of ordered: false (FerretDB 1.24 does): which later updates
      // ran is unknown, so each one not upserted is sent again on its own, where the outcome is unambiguous.
      for (const [index, operation] of operations.entries())
        if (!(index in upsertedIds)) await addEach(collection, [operation]);
    } else if (!retried) {
      await addEach(
        collection,
        writeErrors.map((writeError) => operations[writeError.index]!),
        true,
      );
    }
  }
}

/** The roll-up's side of `event_counts`: who owns what it counts, and adding a batch exactly once. */
export function createEventRollupRepository(
  models: {
    eventCounts: Model<EventCount>;
    postings: Model<Posting>;
    placements: Model<Placement>;
  },
  /** See updatesPerCommand (src/data/bulk-updates.ts). */
  updatesPerCommand: number,
) {
  return {
    /** The feed of each posting that exists, by posting id: `{ _id: { $in } }` reads of READ_CHUNK ids. */
    async feedsOf(postingIds: Types.ObjectId[]): Promise<Map<string, Types.ObjectId>> {
      const found = new Map<string, Types.ObjectId>();
      for (const ids of chunks(postingIds, READ_CHUNK)) {
        const postings = await models.postings
          .find({ _id: { $in: ids } }, { feedId: 1 })
          .lean<Pick<Posting, '_id' | 'feedId'>[]>();
        for (const posting of postings) found.set(String(posting._id), posting.feedId);
      }
      return found;
    },

    /** The publisher of each placement that exists, by placement id: `{ _id: { $in } }` reads of READ_CHUNK ids. */
    async publishersOf(placementIds: Types.ObjectId[]): Promise<Map<string, Types.ObjectId>> {
      const found = new Map<string, Types.ObjectId>();
      for (const ids of chunks(placementIds, READ_CHUNK)) {
        const placements = await models.placements
          .find({ _id: { $in: ids } }, { publisherId: 1 })
          .lean<Pick<Placement, '_id' | 'publisherId'>[]>();
        for (const placement of placements) found.set(String(placement._id), placement.publisherId);
      }
      return found;
    },

    /**
     * Adds a batch's counts to the day's documents, each once, `updatesPerCommand` updates per round trip, each chunk
     * acknowledged before the next is sent. An update only matches a document that has not had this batch, and
     * records the batch in the same update. Run again (after a crash), an applied document's update matches nothing
     * and its upsert collides with the unique index, which counts as applied (see addEach).
     */
    async applyBatch(batchId: string, day: string, counts: RolledCount[]): Promise<void> {
      const collection = models.eventCounts.collection as unknown as mongo.Collection<EventCount>;
      for (const chunk of chunks(counts, updatesPerCommand)) {
        await addEach(
          collection,
          chunk.map((count) => addOnce(batchId, day, count)),
        );
      }
    },
  };
}

export type EventRollupRepository = ReturnType<typeof createEventRollupRepository>;
