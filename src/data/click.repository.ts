import type { Model, Types } from 'mongoose';
import type { Click } from './click.schema';

const DUPLICATE_KEY = 11000;
/**
 * A click waits for its primary only: losing a few counts to a failover is cheaper than making every redirect wait
 * for replication (the connection's default is majority).
 */
const PRIMARY_ONLY = { writeConcern: { w: 1 } } as const;

export function createClickRepository(model: Model<Click>) {
  // MongoDB applies concurrent $inc upserts atomically; FerretDB 1.24 may lose one of two at the same instant.
  // Writes to one counter are therefore chained within this process (cross-process, MongoDB's atomicity holds).
  const inFlight = new Map<string, Promise<void>>();

  async function increment(
    posting: { _id: Types.ObjectId; feedId: Types.ObjectId },
    day: string,
  ): Promise<void> {
    const filter = { postingId: posting._id, day };
    const update = { $inc: { count: 1 }, $setOnInsert: { feedId: posting.feedId } };
    try {
      await model.updateOne(filter, update, { upsert: true, ...PRIMARY_ONLY });
    } catch (error) {
      // Two first clicks of the day raced to insert; the loser's increment lands on the winner's document.
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      await model.updateOne(filter, update, PRIMARY_ONLY);
    }
  }

  return {
    /** Adds one click to the posting's counter for the UTC day of `at`. */
    record(posting: { _id: Types.ObjectId; feedId: Types.ObjectId }, at: Date): Promise<void> {
      const day = at.toISOString().slice(0, 10);
      const key = `${String(posting._id)}:${day}`;
      const previous = inFlight.get(key) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(() => increment(posting, day));
      inFlight.set(key, next);
      void next
        .finally(() => {
          if (inFlight.get(key) === next) inFlight.delete(key);
        })
        .catch(() => undefined);
      return next;
    },

    /** Daily counts for the given feeds from `sinceDay` (YYYY-MM-DD) on, for their recruiter. */
    async listForFeeds(feedIds: Types.ObjectId[], sinceDay: string): Promise<Click[]> {
      return model
        .find({ feedId: { $in: feedIds }, day: { $gte: sinceDay } })
        .sort({ day: 1 })
        .lean<Click[]>();
    },
  };
}

export type ClickRepository = ReturnType<typeof createClickRepository>;
