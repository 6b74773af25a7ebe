import { mongo, type Model, Types } from 'mongoose';
import type { Ranking } from '../domain/events';
import type { EventCount } from './event-count.schema';
import type { Placement } from './placement.schema';
import type { Posting } from './posting.schema';

const DUPLICATE_KEY = 11000;
/** Upserts per bulkWrite: each chunk is acknowledged before the next is sent. */
const CHUNK = 200;

/** One document's share of a minute batch. */
export interface RolledCount {
  placementId: Types.ObjectId | null;
  publisherId: Types.ObjectId | null;
  postingId: Types.ObjectId;
  feedId: Types.ObjectId;
  ranking: Ranking;
  impressions: number;
  clicks: number;
}

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

/** Runs the updates (unordered); returns those that collided with the unique index. Any other failure throws. */
async function collisions(
  collection: mongo.Collection<EventCount>,
  operations: mongo.AnyBulkWriteOperation<EventCount>[],
): Promise<mongo.AnyBulkWriteOperation<EventCount>[]> {
  try {
    await collection.bulkWrite(operations, { ordered: false });
    return [];
  } catch (error) {
    const writeErrors = error instanceof mongo.MongoBulkWriteError ? [error.writeErrors].flat() : [];
    if (!writeErrors.length || writeErrors.some((writeError) => writeError.code !== DUPLICATE_KEY))
      throw error;
    return writeErrors.map((writeError) => operations[writeError.index]!);
  }
}

/** The roll-up's side of `event_counts`: who owns what it counts, and adding a batch exactly once. */
export function createEventRollupRepository(models: {
  eventCounts: Model<EventCount>;
  postings: Model<Posting>;
  placements: Model<Placement>;
}) {
  return {
    /** The feed of each posting that exists, by posting id: one `{ _id: { $in } }` read. */
    async feedsOf(postingIds: Types.ObjectId[]): Promise<Map<string, Types.ObjectId>> {
      const found = await models.postings
        .find({ _id: { $in: postingIds } }, { feedId: 1 })
        .lean<Pick<Posting, '_id' | 'feedId'>[]>();
      return new Map(found.map((posting) => [String(posting._id), posting.feedId]));
    },

    /** The publisher of each placement that exists, by placement id: one `{ _id: { $in } }` read. */
    async publishersOf(placementIds: Types.ObjectId[]): Promise<Map<string, Types.ObjectId>> {
      if (placementIds.length === 0) return new Map();
      const found = await models.placements
        .find({ _id: { $in: placementIds } }, { publisherId: 1 })
        .lean<Pick<Placement, '_id' | 'publisherId'>[]>();
      return new Map(found.map((placement) => [String(placement._id), placement.publisherId]));
    },

    /**
     * Adds a batch's counts to the day's documents, each once: an update only matches a document that has not had
     * this batch, and records the batch in the same update. Run again (after a crash), an applied document's update
     * matches nothing and its upsert collides with the unique index. A collision can also be another batch's insert
     * of the same new document at the same instant, so colliding updates are sent once more: now they either match
     * the document (this batch was not in it) or collide again (it was: already applied, not an error).
     */
    async applyBatch(batchId: string, day: string, counts: RolledCount[]): Promise<void> {
      const collection = models.eventCounts.collection as unknown as mongo.Collection<EventCount>;
      for (let start = 0; start < counts.length; start += CHUNK) {
        const operations = counts.slice(start, start + CHUNK).map((count) => addOnce(batchId, day, count));
        const collided = await collisions(collection, operations);
        if (collided.length) await collisions(collection, collided);
      }
    },
  };
}

export type EventRollupRepository = ReturnType<typeof createEventRollupRepository>;
