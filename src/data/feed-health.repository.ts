import type { Types } from 'mongoose';
import type { Database } from './database';
import type { FeedRun } from './feed-run.schema';
import { FEED_STATUSES, type FeedStatus } from './feed.schema';

/** Read-only queries behind the operators' views: the feed health page and the feeds-by-status metric. */
export function createFeedHealthRepository(db: Database) {
  const collection = (name: string) => db.connection.collection(name);
  return {
    /** `{ status: 'active' }` grouped by feed: one pass over the active postings instead of one count per feed. */
    async activePostingsByFeed(): Promise<Map<string, number>> {
      const groups = await collection('postings')
        .aggregate<{ _id: Types.ObjectId; count: number }>([
          { $match: { status: 'active' } },
          { $group: { _id: '$feedId', count: { $sum: 1 } } },
        ])
        .toArray();
      return new Map(groups.map((group) => [String(group._id), group.count]));
    },

    /** Each feed's latest run, by the `{ feedId, startedAt }` index. */
    async latestRuns(feedIds: Types.ObjectId[]): Promise<Map<string, FeedRun>> {
      const runs = await Promise.all(feedIds.map((id) => db.feedRuns.listForFeed(id, 1)));
      return new Map(runs.flatMap((latest) => (latest[0] ? [[String(latest[0].feedId), latest[0]]] : [])));
    },

    /** Recruiter names by id, from the `recruiters` collection when it exists; unknown ids are left out. */
    async recruiterNames(ids: Types.ObjectId[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const recruiters = await collection('recruiters')
        .find({ _id: { $in: ids } }, { projection: { name: 1 } })
        .toArray();
      return new Map(
        recruiters.flatMap((r) => (typeof r.name === 'string' ? [[String(r._id), r.name] as const] : [])),
      );
    },

    async countByStatus(): Promise<Record<FeedStatus, number>> {
      const counts = await Promise.all(
        FEED_STATUSES.map((status) => collection('feeds').countDocuments({ status })),
      );
      return Object.fromEntries(FEED_STATUSES.map((status, i) => [status, counts[i]!])) as Record<
        FeedStatus,
        number
      >;
    },
  };
}

export type FeedHealthRepository = ReturnType<typeof createFeedHealthRepository>;
