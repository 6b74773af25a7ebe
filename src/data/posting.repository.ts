import mongoose, { type AnyBulkWriteOperation, type Model, type Types } from 'mongoose';
import type { Category, PreparedPosting, Workplace } from '../domain/posting';
import { bulkUpdate } from './bulk-updates';
import { createListings } from './canonical-postings';
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
const EXPIRY_BATCH = 500;

export function createPostingRepository(
  model: Model<Posting>,
  options: {
    maxPostingAgeDays?: number;
    publicReadPreference?: mongoose.mongo.ReadPreferenceMode;
    /** See updatesPerCommand (src/data/bulk-updates.ts). */
    updatesPerCommand: number;
  },
) {
  const maxAgeMs = (options.maxPostingAgeDays ?? 60) * DAY_MS;
  /** The public read path may read a secondary (MONGO_READ_PREFERENCE); an ingest reads its own writes. */
  const publicRead = options.publicReadPreference ?? 'primary';
  const listings = createListings(model);
  /** The fingerprints stored on postings about to be rewritten or taken away: their jobs may list another posting. */
  const fingerprintsOf = async (filter: Record<string, unknown>): Promise<string[]> =>
    (await model.find(filter, { fingerprint: 1 }).lean<Pick<Posting, '_id' | 'fingerprint'>[]>()).map(
      (posting) => posting.fingerprint,
    );
  /**
   * Expires these postings if still active; a job whose listed posting expired lists its next one. All their
   * fingerprints are settled, not only those of postings listed now: a writer may list one before the expiry lands.
   */
  async function expire(ids: Types.ObjectId[]): Promise<number> {
    if (!ids.length) return 0;
    const handOver = await fingerprintsOf({ _id: { $in: ids } });
    const result = await model.updateMany(
      { _id: { $in: ids }, status: 'active' },
      { $set: { status: 'expired', listed: false } },
    );
    await listings.settle(handOver);
    return result.modifiedCount;
  }
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
      /** The fingerprints of the postings changed, and the stored postings rewritten. */
      const changed: string[] = [];
      const rewritten: Types.ObjectId[] = [];
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
            listed: false,
          };
          inserts.push(document);
          stored.set(posting.externalId, document);
        } else if (found.contentHash !== posting.contentHash) {
          changed.push(posting.fingerprint);
          rewritten.push(found._id);
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
            rewritten.push(found._id);
            writes.push({
              updateOne: {
                filter: { _id: found._id },
                update: { $set: { status: 'active', missedFetches: 0, lastSeenAt: seenAt, ownerId } },
              },
            });
            Object.assign(found, { status: 'active', missedFetches: 0, ownerId });
          } else if (found.ownerId === undefined) {
            rewritten.push(found._id);
            ownerBackfill.push({ updateOne: { filter: { _id: found._id }, update: { $set: { ownerId } } } });
            found.ownerId = ownerId;
          }
        }
      }
      // A rewrite may move a posting to another fingerprint: both jobs' listings are decided again.
      const moved = rewritten.length ? await fingerprintsOf({ _id: { $in: rewritten } }) : [];
      const contested = await listings.decideNew(inserts);
      const inserted = await insertUnordered(model, inserts);
      const updated = await bulkUpdate(model, writes, options.updatesPerCommand);
      await bulkUpdate(model, ownerBackfill, options.updatesPerCommand);
      // A new job's first postings, all inserted, are settled already; an insert another run made first is not ours.
      const unsure = inserted < inserts.length ? inserts.map((posting) => posting.fingerprint) : contested;
      await listings.settle([...changed, ...moved, ...unsure]);
      return { inserted, updated, unchanged };
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
      return expire(expiring);
    },

    /**
     * After a successful full fetch of the body the last one read, without reading the postings: those it carries
     * were all seen then, so the active postings that missed that fetch (missedFetches > 0) miss their second.
     */
    async expireAfterUnchangedFetch(feedId: Types.ObjectId): Promise<number> {
      const missed = await model
        .find({ feedId, status: 'active', missedFetches: { $gt: 0 } }, { _id: 1 })
        .lean<Pick<Posting, '_id'>[]>();
      const ids = missed.map((posting) => posting._id);
      if (!ids.length) return 0;
      await model.updateMany({ _id: { $in: ids } }, { $inc: { missedFetches: 1 } });
      return expire(ids);
    },

    /** Postings whose validThrough has passed, across all feeds: the scheduler's sweep, in batches. */
    async expirePastValidThrough(now: Date): Promise<number> {
      let expired = 0;
      for (;;) {
        const due = await model
          .find({ status: 'active', validThrough: { $lt: now } }, { _id: 1 })
          .limit(EXPIRY_BATCH)
          .lean<Pick<Posting, '_id'>[]>();
        if (!due.length) return expired;
        expired += await expire(due.map((posting) => posting._id));
      }
    },

    /**
     * The listed postings, newest first: each job once, as its canonical posting (the `listed` flag, decided when
     * postings are written), in one query that reads `limit` postings off an index. Postings past their
     * validThrough or listed more than MAX_POSTING_AGE_DAYS ago are left out even before a sweep.
     */
    async listRecent(filter: RecentFilter, now = new Date()): Promise<Posting[]> {
      const ageMs = filter.maxAgeDays ? Math.min(maxAgeMs, filter.maxAgeDays * DAY_MS) : maxAgeMs;
      const query: Record<string, unknown> = {
        listed: true,
        listedAt: { $gte: new Date(now.getTime() - ageMs) },
        $or: [{ validThrough: null }, { validThrough: { $gt: now } }],
      };
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
      return model
        .find(query)
        .sort({ listedAt: -1, _id: -1 })
        .limit(filter.limit)
        .read(publicRead)
        .lean<Posting[]>();
    },

    async findById(id: string): Promise<Posting | null> {
      const objectId = toObjectId(id);
      return objectId ? model.findById(objectId).read(publicRead).lean<Posting>() : null;
    },

    /**
     * Postings stored before `terms` and `companyKey` existed get them, and postings stored before `listed` existed
     * get it (their fingerprints' listings decided), in batches; run at connect. Idempotent, so processes connecting
     * at once may all run it; once done it is two index lookups that find nothing.
     */
    async backfillStoredFields(): Promise<number> {
      let filled = 0;
      for (;;) {
        const batch = await model
          .find({ terms: { $exists: false } }, { title: 1, company: 1, snippet: 1 })
          .limit(BACKFILL_BATCH)
          .lean<Pick<Posting, '_id' | 'title' | 'company' | 'snippet'>[]>();
        if (!batch.length) break;
        await bulkUpdate(
          model,
          batch.map((posting) => ({
            updateOne: { filter: { _id: posting._id }, update: { $set: searchFields(posting) } },
          })),
          options.updatesPerCommand,
        );
        filled += batch.length;
      }
      for (;;) {
        const unflagged = await model
          .find({ listed: { $exists: false } }, { fingerprint: 1 })
          .limit(BACKFILL_BATCH)
          .lean<Pick<Posting, '_id' | 'fingerprint'>[]>();
        if (!unflagged.length) return filled;
        // settle writes `listed` on every posting of these fingerprints whose flag is not already the choice.
        await listings.settle(unflagged.map((posting) => posting.fingerprint));
        filled += unflagged.length;
      }
    },

    /**
     * The scheduler's repair of the listed flag: a job whose first postings two writers inserted at once (or a
     * worker killed before it settled) may be listed twice until this runs; returns how many flags it wrote.
     */
    async repairListings(): Promise<number> {
      return listings.repair();
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

    /** A deleted feed's postings leave the listings for good; their jobs list another feed's posting if any. */
    async deleteForFeed(feedId: Types.ObjectId): Promise<number> {
      const active = await fingerprintsOf({ feedId, status: 'active' });
      const deleted = (await model.deleteMany({ feedId })).deletedCount;
      // Every active posting's job, not only those listed now: a writer may list one before the deletion lands.
      await listings.settle(active);
      return deleted;
    },

    async listForFeed(feedId: Types.ObjectId): Promise<Posting[]> {
      return model.find({ feedId }).sort({ externalId: 1 }).lean<Posting[]>();
    },
  };
}

export type PostingRepository = ReturnType<typeof createPostingRepository>;
