import type { Model, Types } from 'mongoose';
import type { FieldMapping } from '../domain/field-mapping';
import { toObjectId } from './ids';
import { FEED_STATUSES, type Feed, type FeedStatus } from './feed.schema';

export interface NewFeed {
  name: string;
  url: string;
  format?: string | null;
  company?: string | null;
  personioAccount?: string | null;
  mapping?: FieldMapping | null;
  recruiterId?: Types.ObjectId | null;
  intervalMinutes: number;
}

/** Whose feeds a call may reach: one recruiter's, or every feed (the operator's CLI and admin pages). */
export type FeedOwner = Types.ObjectId | 'all';

function ownedBy(owner: FeedOwner): { recruiterId?: Types.ObjectId } {
  return owner === 'all' ? {} : { recruiterId: owner };
}

export function createFeedRepository(model: Model<Feed>) {
  return {
    /** The first poll is due at once. */
    async create(input: NewFeed, now = new Date()): Promise<Feed> {
      const created = await model.create({ ...input, status: 'active', nextRunAt: now });
      return created.toObject<Feed>();
    },

    async findById(id: string | Types.ObjectId): Promise<Feed | null> {
      const objectId = toObjectId(id);
      return objectId ? model.findById(objectId).lean<Feed>() : null;
    },

    /** The owner's feed; null when it does not exist or belongs to someone else. */
    async findOwned(id: string, owner: FeedOwner): Promise<Feed | null> {
      const objectId = toObjectId(id);
      return objectId ? model.findOne({ _id: objectId, ...ownedBy(owner) }).lean<Feed>() : null;
    },

    /** Applies changes to the owner's feed; pausing stops polls, resuming polls at once. */
    async updateOwned(
      id: string,
      owner: FeedOwner,
      changes: FeedChanges,
      now = new Date(),
    ): Promise<Feed | null> {
      const objectId = toObjectId(id);
      if (!objectId) return null;
      const { paused, ...fields } = changes;
      const set: Record<string, unknown> = { ...fields };
      const filter: Record<string, unknown> = { _id: objectId, ...ownedBy(owner) };
      if (paused === true) set.status = 'paused';
      if (paused === false) {
        const current = await model.findOne(filter, { status: 1 }).lean<Pick<Feed, 'status'>>();
        if (!current) return null;
        if (current.status === 'paused') Object.assign(set, { status: 'active', nextRunAt: now });
      }
      return model.findOneAndUpdate(filter, { $set: set }, { returnDocument: 'after' }).lean<Feed>();
    },

    /** Removes the owner's feed, and with it its schedule (polls are due by `nextRunAt` on this document). */
    async deleteOwned(id: string, owner: FeedOwner): Promise<Feed | null> {
      const objectId = toObjectId(id);
      return objectId ? model.findOneAndDelete({ _id: objectId, ...ownedBy(owner) }).lean<Feed>() : null;
    },

    async list(filter: { status?: FeedStatus; owner?: FeedOwner } = {}): Promise<Feed[]> {
      return model
        .find({ ...ownedBy(filter.owner ?? 'all'), ...(filter.status ? { status: filter.status } : {}) })
        .sort({ createdAt: 1 })
        .lean<Feed[]>();
    },

    async countByStatus(): Promise<Record<FeedStatus, number>> {
      const counts = await Promise.all(FEED_STATUSES.map((status) => model.countDocuments({ status })));
      return Object.fromEntries(FEED_STATUSES.map((status, i) => [status, counts[i]!])) as Record<
        FeedStatus,
        number
      >;
    },

    async findDue(now: Date, limit: number): Promise<Feed[]> {
      return model
        .find({ status: { $ne: 'paused' }, nextRunAt: { $lte: now } })
        .sort({ nextRunAt: 1 })
        .limit(limit)
        .lean<Feed[]>();
    },

    /** Moves a feed's next poll on, unless another scheduler already moved it. */
    async advanceSchedule(feedId: Types.ObjectId, dueAt: Date, nextRunAt: Date): Promise<void> {
      await model.updateOne({ _id: feedId, nextRunAt: dueAt }, { $set: { nextRunAt } });
    },

    /**
     * A successful poll: clears the failure count, makes a failing feed active again and brings a backed-off next
     * poll back to the feed's interval. A full fetch (a 304 is not one) records its validators and body digests.
     */
    async recordSuccess(feedId: Types.ObjectId, at: Date, fullFetch?: FullFetch, intervalMinutes?: number) {
      await model.updateOne(
        { _id: feedId },
        { $set: { lastRunAt: at, lastSuccessAt: at, consecutiveFailures: 0, lastError: null, ...fullFetch } },
      );
      await model.updateOne({ _id: feedId, status: 'failing' }, { $set: { status: 'active' } });
      if (intervalMinutes === undefined) return;
      const regular = new Date(at.getTime() + intervalMinutes * 60_000);
      await model.updateOne({ _id: feedId, nextRunAt: { $gt: regular } }, { $set: { nextRunAt: regular } });
    },

    /** Before a read writes postings: until it succeeds, the stored digests no longer describe them. */
    async forgetBodyDigests(feedId: Types.ObjectId): Promise<void> {
      await model.updateOne({ _id: feedId }, { $set: { bodyDigests: null } });
    },

    /** A failed poll (its last attempt, or a permanent failure), counted: the feed as it is now. */
    async recordFailure(feedId: Types.ObjectId, at: Date, error: string): Promise<Feed | null> {
      return model
        .findOneAndUpdate(
          { _id: feedId },
          { $set: { lastRunAt: at, lastError: error }, $inc: { consecutiveFailures: 1 } },
          { returnDocument: 'after' },
        )
        .lean<Feed>();
    },

    /** A feed whose failures decided it failing, polled next at `nextRunAt`; one paused meanwhile stays paused. */
    async markFailing(feedId: Types.ObjectId, nextRunAt: Date): Promise<Feed | null> {
      return model
        .findOneAndUpdate(
          { _id: feedId, status: { $ne: 'paused' } },
          { $set: { status: 'failing', nextRunAt } },
          { returnDocument: 'after' },
        )
        .lean<Feed>();
    },
  };
}

/** What a successful full fetch leaves for the next poll: its validators, its body digests or null, and its misses. */
export interface FullFetch {
  etag: string | null;
  lastModified: string | null;
  bodyDigests: string[] | null;
  postingsMissedOnce: number;
}

export interface FeedChanges {
  name?: string;
  intervalMinutes?: number;
  mapping?: FieldMapping | null;
  company?: string | null;
  personioAccount?: string | null;
  paused?: boolean;
}

export type FeedRepository = ReturnType<typeof createFeedRepository>;
