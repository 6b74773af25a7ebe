import type { Model, Types } from 'mongoose';
import type { FieldMapping } from '../ingest/formats/mapping';
import { toObjectId } from './ids';
import type { Feed, FeedStatus } from './feed.schema';

export interface NewFeed {
  name: string;
  url: string;
  format?: string | null;
  company?: string | null;
  mapping?: FieldMapping | null;
  recruiterId?: Types.ObjectId | null;
  intervalMinutes: number;
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

    /** A recruiter's feed; null when it does not exist or belongs to someone else. */
    async findOwned(id: string, recruiterId: Types.ObjectId): Promise<Feed | null> {
      const objectId = toObjectId(id);
      return objectId ? model.findOne({ _id: objectId, recruiterId }).lean<Feed>() : null;
    },

    async listOwned(recruiterId: Types.ObjectId): Promise<Feed[]> {
      return model.find({ recruiterId }).sort({ createdAt: 1 }).lean<Feed[]>();
    },

    /** Applies a recruiter's changes to their own feed; pausing stops polls, resuming polls at once. */
    async updateOwned(
      id: string,
      recruiterId: Types.ObjectId,
      changes: FeedChanges,
      now = new Date(),
    ): Promise<Feed | null> {
      const objectId = toObjectId(id);
      if (!objectId) return null;
      const { paused, ...fields } = changes;
      const set: Record<string, unknown> = { ...fields };
      const filter: Record<string, unknown> = { _id: objectId, recruiterId };
      if (paused === true) set.status = 'paused';
      if (paused === false) {
        const current = await model.findOne(filter, { status: 1 }).lean<Pick<Feed, 'status'>>();
        if (!current) return null;
        if (current.status === 'paused') Object.assign(set, { status: 'active', nextRunAt: now });
      }
      return model.findOneAndUpdate(filter, { $set: set }, { returnDocument: 'after' }).lean<Feed>();
    },

    /** Removes a recruiter's feed, and with it its schedule (polls are due by `nextRunAt` on this document). */
    async deleteOwned(id: string, recruiterId: Types.ObjectId): Promise<Feed | null> {
      const objectId = toObjectId(id);
      return objectId ? model.findOneAndDelete({ _id: objectId, recruiterId }).lean<Feed>() : null;
    },

    async list(filter: { status?: FeedStatus } = {}): Promise<Feed[]> {
      return model
        .find(filter.status ? { status: filter.status } : {})
        .sort({ createdAt: 1 })
        .lean<Feed[]>();
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

    async recordSuccess(
      feedId: Types.ObjectId,
      at: Date,
      validators?: { etag: string | null; lastModified: string | null },
    ) {
      await model.updateOne(
        { _id: feedId },
        {
          $set: { lastRunAt: at, lastSuccessAt: at, consecutiveFailures: 0, lastError: null, ...validators },
        },
      );
      await model.updateOne({ _id: feedId, status: 'failing' }, { $set: { status: 'active' } });
    },

    async recordFailure(feedId: Types.ObjectId, at: Date, error: string) {
      await model.updateOne(
        { _id: feedId },
        { $set: { lastRunAt: at, lastError: error }, $inc: { consecutiveFailures: 1 } },
      );
      await model.updateOne({ _id: feedId, status: 'active' }, { $set: { status: 'failing' } });
    },

    async setPaused(id: string, paused: boolean): Promise<Feed | null> {
      const objectId = toObjectId(id);
      if (!objectId) return null;
      const update = paused ? { status: 'paused' } : { status: 'active', nextRunAt: new Date() };
      return model
        .findOneAndUpdate({ _id: objectId }, { $set: update }, { returnDocument: 'after' })
        .lean<Feed>();
    },
  };
}

export interface FeedChanges {
  name?: string;
  intervalMinutes?: number;
  mapping?: FieldMapping | null;
  company?: string | null;
  paused?: boolean;
}

export type FeedRepository = ReturnType<typeof createFeedRepository>;
