import type { AnyBulkWriteOperation, Model, Types } from 'mongoose';
import type { PreparedPosting } from '../ingest/posting';
import { escapeRegex } from '../util/escape-regex';
import { toObjectId } from './ids';
import type { Posting } from './posting.schema';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface RecentFilter {
  limit: number;
  q?: string;
  company?: string;
  remote?: boolean;
}

const MAX_RECENT_PAGES = 5;
const DAY_MS = 86_400_000;

export function createPostingRepository(model: Model<Posting>, options: { maxPostingAgeDays?: number } = {}) {
  const maxAgeMs = (options.maxPostingAgeDays ?? 60) * DAY_MS;
  return {
    /**
     * Inserts new postings and rewrites changed ones, unordered, by `{ feedId, externalId }`; postings whose
     * content hash is unchanged only get lastSeenAt. Within a batch the later posting with an externalId wins.
     */
    async upsertBatch(feedId: Types.ObjectId, batch: PreparedPosting[], seenAt: Date): Promise<UpsertCounts> {
      const latest = new Map(batch.map((posting) => [posting.externalId, posting]));
      const existing = await model
        .find(
          { feedId, externalId: { $in: [...latest.keys()] } },
          { externalId: 1, contentHash: 1, firstSeenAt: 1 },
        )
        .lean<Pick<Posting, 'externalId' | 'contentHash' | 'firstSeenAt'>[]>();
      const stored = new Map(existing.map((posting) => [posting.externalId, posting]));

      const writes: AnyBulkWriteOperation<Posting>[] = [];
      const unchangedIds: string[] = [];
      for (const posting of latest.values()) {
        const found = stored.get(posting.externalId);
        const filter = { feedId, externalId: posting.externalId };
        if (found?.contentHash === posting.contentHash) {
          unchangedIds.push(posting.externalId);
        } else if (found) {
          const update = {
            ...posting,
            listedAt: posting.postedAt ?? found.firstSeenAt,
            lastSeenAt: seenAt,
            status: 'active',
          };
          writes.push({ updateOne: { filter, update: { $set: update } } });
        } else {
          const document = {
            ...posting,
            feedId,
            listedAt: posting.postedAt ?? seenAt,
            firstSeenAt: seenAt,
            lastSeenAt: seenAt,
            status: 'active',
          };
          writes.push({ updateOne: { filter, update: { $setOnInsert: document }, upsert: true } });
        }
      }
      const result = writes.length ? await model.bulkWrite(writes, { ordered: false }) : null;
      if (unchangedIds.length)
        await model.updateMany(
          { feedId, externalId: { $in: unchangedIds } },
          { $set: { lastSeenAt: seenAt, status: 'active' } },
        );
      return {
        inserted: result?.upsertedCount ?? 0,
        updated: result?.modifiedCount ?? 0,
        unchanged: unchangedIds.length,
      };
    },

    /**
     * After a successful full fetch: the feed's active postings last seen before the previous full fetch were
     * missing from two in a row, and are expired (kept, not deleted).
     */
    async expireUnseen(feedId: Types.ObjectId, previousFullFetchAt: Date): Promise<number> {
      const result = await model.updateMany(
        { feedId, status: 'active', lastSeenAt: { $lt: previousFullFetchAt } },
        { $set: { status: 'expired' } },
      );
      return result.modifiedCount;
    },

    /** Postings whose validThrough has passed, of one feed or of all. */
    async expirePastValidThrough(now: Date, feedId?: Types.ObjectId): Promise<number> {
      const result = await model.updateMany(
        { ...(feedId ? { feedId } : {}), status: 'active', validThrough: { $lt: now } },
        { $set: { status: 'expired' } },
      );
      return result.modifiedCount;
    },

    /**
     * Active postings, newest first, one per fingerprint (the same job from several feeds shows once). Postings
     * past their validThrough or listed more than MAX_POSTING_AGE_DAYS ago are left out even before a sweep.
     */
    async listRecent(filter: RecentFilter, now = new Date()): Promise<Posting[]> {
      const query: Record<string, unknown> = {
        status: 'active',
        listedAt: { $gte: new Date(now.getTime() - maxAgeMs) },
      };
      const conditions: Record<string, unknown>[] = [
        { $or: [{ validThrough: null }, { validThrough: { $gt: now } }] },
      ];
      if (filter.company) query.company = { $regex: `^${escapeRegex(filter.company)}$`, $options: 'i' };
      if (filter.remote !== undefined) query.remote = filter.remote;
      if (filter.q) {
        const pattern = { $regex: escapeRegex(filter.q), $options: 'i' };
        conditions.push({ $or: [{ title: pattern }, { company: pattern }, { snippet: pattern }] });
      }
      query.$and = conditions;
      const pageSize = filter.limit * 3;
      const shown = new Map<string, Posting>();
      for (let page = 0; page < MAX_RECENT_PAGES && shown.size < filter.limit; page++) {
        const postings = await model
          .find(query)
          .sort({ listedAt: -1, _id: -1 })
          .skip(page * pageSize)
          .limit(pageSize)
          .lean<Posting[]>();
        for (const posting of postings) {
          if (!shown.has(posting.fingerprint)) shown.set(posting.fingerprint, posting);
        }
        if (postings.length < pageSize) break;
      }
      return [...shown.values()].slice(0, filter.limit);
    },

    async findById(id: string): Promise<Posting | null> {
      const objectId = toObjectId(id);
      return objectId ? model.findById(objectId).lean<Posting>() : null;
    },

    async countActive(feedId: Types.ObjectId): Promise<number> {
      return model.countDocuments({ feedId, status: 'active' });
    },

    async listForFeed(feedId: Types.ObjectId): Promise<Posting[]> {
      return model.find({ feedId }).sort({ externalId: 1 }).lean<Posting[]>();
    },
  };
}

export type PostingRepository = ReturnType<typeof createPostingRepository>;
