import type { Model, Types } from 'mongoose';
import type { FieldMapping } from '../ingest/formats/field-mapping.schema';
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

export type FeedRepository = ReturnType<typeof createFeedRepository>;
