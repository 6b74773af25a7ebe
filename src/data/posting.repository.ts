import mongoose, { type AnyBulkWriteOperation, type Model, type Types } from 'mongoose';
import type { Category, PreparedPosting, Workplace } from '../domain/posting';
import { canonicalPostings } from './canonical-postings';
import { toObjectId } from './ids';
import type { Posting } from './posting.schema';
import { companyKey, searchFields, searchTerms } from './search-terms';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** The part of a stored posting an ingest needs to sort the feed's postings into new, changed and unchanged. */
export type StoredPosting = Pick<
  Posting,
  | '_id'
  | 'externalId'
  | 'contentHash'
  | 'firstSeenAt'
  | 'status'
  | 'missedFetches'
  | 'validThrough'
  | 'ownerId'
>;
export type StoredPostings = Map<string, StoredPosting>;

export interface RecentFilter {
  limit: number;
  q?: string;
  company?: string;
  remote?: boolean;
  category?: Category;
  /** ISO 3166-1 alpha-2, uppercase. */
  country?: string;
  workplace?: Workplace;
  /** A placement's lists: any of these companies (matched ignoring case), countries or categories. */
  companies?: string[];
  countries?: string[];
  categories?: Category[];
  /** Listed at most this many days ago; never widens MAX_POSTING_AGE_DAYS. */
  maxAgeDays?: number;
}

/** One value is an equality, several an `$in`: either is an equality on the field's index. */
function oneOf<T>(values: T[]): T | { $in: T[] } {
  return values.length === 1 ? values[0]! : { $in: values };
}

const MAX_RECENT_PAGES = 5;
const DUPLICATE_KEY = 11000;

/** insertMany, unordered; documents another writer inserted first (duplicate key) count as not inserted. */
async function insertUnordered(model: Model<Posting>, documents: Posting[]): Promise<number> {
  if (documents.length === 0) return 0;
  try {
    return (await model.collection.insertMany(documents, { ordered: false })).insertedCount;
  } catch (error) {
    if (!(error instanceof mongoose.mongo.MongoBulkWriteError)) throw error;
    const writeErrors = [error.writeErrors].flat();
    if (writeErrors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
    return error.result.insertedCount;
  }
}
const DAY_MS = 86_400_000;

const BACKFILL_BATCH = 500;

export function createPostingRepository(
  model: Model<Posting>,
  options: { maxPostingAgeDays?: number; publicReadPreference?: mongoose.mongo.ReadPreferenceMode } = {},
) {
  const maxAgeMs = (options.maxPostingAgeDays ?? 60) * DAY_MS;
  /** The public read path may read a secondary (MONGO_READ_PREFERENCE); an ingest reads its own writes. */
  const publicRead = options.publicReadPreference ?? 'primary';
  return {
    /** What the store holds of a feed, read once per run: each batch is then sorted into new, changed and unchanged in memory. */
    async loadForFeed(feedId: Types.ObjectId): Promise<StoredPostings> {
      const stored = await model
        .find(
          { feedId },
          {
            externalId: 1,
            contentHash: 1,
            firstSeenAt: 1,
            status: 1,
            missedFetches: 1,
            validThrough: 1,
            ownerId: 1,
          },
        )
        .lean<StoredPosting[]>();
      return new Map(stored.map((posting) => [posting.externalId, posting]));
    },

    /**
     * Inserts new postings (unordered; one another run of the feed inserted first counts as already there) and
     * rewrites changed ones by _id. Unchanged postings are not written at all, unless they come back from missing.
     * Within a batch the later posting with an externalId wins. `stored` is kept up to date for the next batch.
     * `ownerId` is the feed's recruiter (null: the operator), written on every posting the batch writes and on
     * unchanged ones stored before owners were recorded.
     */
    async writeBatch(
      feedId: Types.ObjectId,
      batch: PreparedPosting[],
      seenAt: Date,
      stored: StoredPostings,
      ownerId: Types.ObjectId | null = null,
    ): Promise<UpsertCounts> {
      const latest = new Map(batch.map((posting) => [posting.externalId, posting]));
      const inserts: Posting[] = [];
      const writes: AnyBulkWriteOperation<Posting>[] = [];
      /** Not counted as updated: the posting itself is unchanged. */
      const ownerBackfill: AnyBulkWriteOperation<Posting>[] = [];
      let unchanged = 0;
      for (const posting of latest.values()) {
        const found = stored.get(posting.externalId);
        if (!found) {
          const document = {
            ...posting,
            ...searchFields(posting),
            _id: new mongoose.Types.ObjectId(),
            feedId,
            ownerId,
            listedAt: posting.postedAt ?? seenAt,
            firstSeenAt: seenAt,
            lastSeenAt: seenAt,
            status: 'active' as const,
            missedFetches: 0,
          };
          inserts.push(document);
          stored.set(posting.externalId, document);
        } else if (found.contentHash !== posting.contentHash) {
          const update = {
            ...posting,
            ...searchFields(posting),
            ownerId,
            listedAt: posting.postedAt ?? found.firstSeenAt,
            lastSeenAt: seenAt,
            status: 'active',
            missedFetches: 0,
          };
          // feedId beside _id: on postings sharded by { feedId, externalId } the rewrite goes to one shard.
          writes.push({ updateOne: { filter: { _id: found._id, feedId }, update: { $set: update } } });
          Object.assign(found, {
            contentHash: posting.contentHash,
            validThrough: posting.validThrough,
            status: 'active',
            missedFetches: 0,
            ownerId,
          });
        } else {
          unchanged++;
          const overdue = found.validThrough !== null && found.validThrough < seenAt;
          if ((found.missedFetches > 0 || found.status !== 'active') && !overdue) {
            writes.push({
              updateOne: {
                filter: { _id: found._id },
                update: { $set: { status: 'active', missedFetches: 0, lastSeenAt: seenAt, ownerId } },
              },
            });
            Object.assign(found, { status: 'active', missedFetches: 0, ownerId });
          } else if (found.ownerId === undefined) {
            ownerBackfill.push({ updateOne: { filter: { _id: found._id }, update: { $set: { ownerId } } } });
            found.ownerId = ownerId;
          }
        }
      }
      const inserted = await insertUnordered(model, inserts);
      const result = writes.length ? await model.bulkWrite(writes, { ordered: false }) : null;
      if (ownerBackfill.length) await model.bulkWrite(ownerBackfill, { ordered: false });
      return { inserted, updated: result?.modifiedCount ?? 0, unchanged };
    },

    /**
     * After a successful full fetch, decided from what the run read and wrote (`stored`), writing only the postings
     * concerned: every active posting the fetch did not carry has missed one more fetch, and those that missed two
     * in a row are expired (kept, not deleted); so are active postings whose validThrough has passed.
     */
    async expireAfterFullFetch(stored: StoredPostings, seen: Set<string>, now: Date): Promise<number> {
      const active = [...stored.values()].filter((p) => p.status === 'active');
      const missing = active.filter((p) => !seen.has(p.externalId));
      if (missing.length) {
        await model.updateMany({ _id: { $in: missing.map((p) => p._id) } }, { $inc: { missedFetches: 1 } });
      }
      const expiring = active
        .filter((p) => (!seen.has(p.externalId) && p.missedFetches + 1 >= 2) || (p.validThrough ?? now) < now)
        .map((p) => p._id);
      if (expiring.length === 0) return 0;
      const result = await model.updateMany(
        { _id: { $in: expiring }, status: 'active' },
        { $set: { status: 'expired' } },
      );
      return result.modifiedCount;
    },

    /**
     * After a successful full fetch of the body the last one read, without reading the postings: those it carries
     * were all seen then, so the active postings that missed that fetch (missedFetches > 0) miss their second.
     */
    async expireAfterUnchangedFetch(feedId: Types.ObjectId): Promise<number> {
      const result = await model.updateMany(
        { feedId, status: 'active', missedFetches: { $gt: 0 } },
        { $set: { status: 'expired' }, $inc: { missedFetches: 1 } },
      );
      return result.modifiedCount;
    },

    /** Postings whose validThrough has passed, across all feeds: the scheduler's sweep. */
    async expirePastValidThrough(now: Date): Promise<number> {
      const result = await model.updateMany(
        { status: 'active', validThrough: { $lt: now } },
        { $set: { status: 'expired' } },
      );
      return result.modifiedCount;
    },

    /**
     * Active postings, newest first, each job once: its canonical posting (see canonicalPostings), chosen among the
     * pages read and the earlier-listed look-alikes of what they hold. Postings past their validThrough or listed
     * more than MAX_POSTING_AGE_DAYS ago are left out even before a sweep.
     */
    async listRecent(filter: RecentFilter, now = new Date()): Promise<Posting[]> {
      const ageMs = filter.maxAgeDays ? Math.min(maxAgeMs, filter.maxAgeDays * DAY_MS) : maxAgeMs;
      const query: Record<string, unknown> = {
        status: 'active',
        listedAt: { $gte: new Date(now.getTime() - ageMs) },
      };
      const conditions: Record<string, unknown>[] = [
        { $or: [{ validThrough: null }, { validThrough: { $gt: now } }] },
      ];
      if (filter.company) query.companyKey = companyKey(filter.company);
      if (filter.remote !== undefined) query.remote = filter.remote;
      if (filter.category) query.category = filter.category;
      if (filter.country) query['place.country'] = filter.country;
      if (filter.workplace) query.workplace = filter.workplace;
      if (filter.q) query.terms = { $all: searchTerms(filter.q) };
      const companyKeys = (filter.companies ?? []).flatMap((company) => companyKey(company) ?? []);
      if (companyKeys.length) query.companyKey = oneOf(companyKeys);
      if (filter.countries?.length) query['place.country'] = oneOf(filter.countries);
      if (filter.categories?.length) query.category = oneOf(filter.categories);
      query.$and = conditions;
      const pageSize = filter.limit * 3;
      const read: Posting[] = [];
      let readAll = false;
      for (let page = 0; page < MAX_RECENT_PAGES; page++) {
        const postings = await model
          .find(query)
          .sort({ listedAt: -1, _id: -1 })
          .skip(page * pageSize)
          .limit(pageSize)
          .read(publicRead)
          .lean<Posting[]>();
        read.push(...postings);
        readAll = postings.length < pageSize;
        if (readAll || canonicalPostings(read).length >= filter.limit) break;
      }
      const last = read.at(-1);
      const lookAlikes =
        readAll || !last
          ? []
          : await model
              .find({
                ...query,
                fingerprint: { $in: [...new Set(read.map((posting) => posting.fingerprint))] },
                $and: [
                  ...conditions,
                  {
                    $or: [
                      { listedAt: { $lt: last.listedAt } },
                      { listedAt: last.listedAt, _id: { $lt: last._id } },
                    ],
                  },
                ],
              })
              .read(publicRead)
              .lean<Posting[]>();
      return canonicalPostings([...read, ...lookAlikes])
        .sort(
          (a, b) => b.listedAt.getTime() - a.listedAt.getTime() || (String(a._id) < String(b._id) ? 1 : -1),
        )
        .slice(0, filter.limit);
    },

    async findById(id: string): Promise<Posting | null> {
      const objectId = toObjectId(id);
      return objectId ? model.findById(objectId).read(publicRead).lean<Posting>() : null;
    },

    /**
     * Postings stored before `terms` and `companyKey` existed get them, in batches; run at connect. Idempotent, so
     * processes connecting at once may all run it; once done it is one index lookup that finds nothing.
     */
    async backfillSearchFields(): Promise<number> {
      let filled = 0;
      for (;;) {
        const batch = await model
          .find({ terms: { $exists: false } }, { title: 1, company: 1, snippet: 1 })
          .limit(BACKFILL_BATCH)
          .lean<Pick<Posting, '_id' | 'title' | 'company' | 'snippet'>[]>();
        if (!batch.length) return filled;
        await model.bulkWrite(
          batch.map((posting) => ({
            updateOne: { filter: { _id: posting._id }, update: { $set: searchFields(posting) } },
          })),
          { ordered: false },
        );
        filled += batch.length;
      }
    },

    async countActive(feedId: Types.ObjectId): Promise<number> {
      return model.countDocuments({ feedId, status: 'active' });
    },

    /** Active postings per feed, in one query: feed id (hex) -> count; feeds with none are absent. */
    async countActiveByFeed(feedIds: Types.ObjectId[]): Promise<Map<string, number>> {
      if (!feedIds.length) return new Map();
      const rows = await model.aggregate<{ _id: Types.ObjectId; count: number }>([
        { $match: { feedId: { $in: feedIds }, status: 'active' } },
        { $group: { _id: '$feedId', count: { $sum: 1 } } },
      ]);
      return new Map(rows.map((row) => [String(row._id), row.count]));
    },

    /** A deleted feed's postings leave the listings for good. */
    async deleteForFeed(feedId: Types.ObjectId): Promise<number> {
      return (await model.deleteMany({ feedId })).deletedCount;
    },

    async listForFeed(feedId: Types.ObjectId): Promise<Posting[]> {
      return model.find({ feedId }).sort({ externalId: 1 }).lean<Posting[]>();
    },
  };
}

export type PostingRepository = ReturnType<typeof createPostingRepository>;
