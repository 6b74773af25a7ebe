import type { Model, Types } from 'mongoose';
import type { FeedRun, RunCounts, RunQuality, RunStatus } from './feed-run.schema';

export interface RunOutcome {
  status: Exclude<RunStatus, 'running'>;
  format?: string | null;
  counts?: RunCounts;
  warnings?: string[];
  rejectedSamples?: { reason: string; sample: string }[];
  error?: string | null;
  expirySkipped?: string | null;
  quality?: RunQuality | null;
}

export function createFeedRunRepository(model: Model<FeedRun>) {
  return {
    /** Starts (or, for a retried job, restarts) the run of a queue job. */
    async start(jobId: string, feedId: Types.ObjectId, at: Date): Promise<FeedRun> {
      const run = await model
        .findOneAndUpdate(
          { jobId },
          {
            $setOnInsert: { jobId, feedId },
            $set: { status: 'running', startedAt: at, finishedAt: null, error: null, expirySkipped: null },
            $inc: { attempts: 1 },
          },
          { upsert: true, returnDocument: 'after' },
        )
        .lean<FeedRun>();
      return run!;
    },

    async finish(runId: Types.ObjectId, outcome: RunOutcome, at = new Date()): Promise<void> {
      await model.updateOne({ _id: runId }, { $set: { ...outcome, finishedAt: at } });
    },

    async findByJobId(jobId: string): Promise<FeedRun | null> {
      return model.findOne({ jobId }).lean<FeedRun>();
    },

    async listForFeed(feedId: Types.ObjectId, limit = 20): Promise<FeedRun[]> {
      return model.find({ feedId }).sort({ startedAt: -1 }).limit(limit).lean<FeedRun[]>();
    },

    /** Each feed's latest run, one `{ feedId } sort { startedAt: -1 }` index lookup per feed. */
    async latestByFeed(feedIds: Types.ObjectId[]): Promise<Map<string, FeedRun>> {
      const runs = await Promise.all(
        feedIds.map((feedId) => model.findOne({ feedId }).sort({ startedAt: -1 }).lean<FeedRun>()),
      );
      return new Map(runs.flatMap((run) => (run ? [[String(run.feedId), run] as const] : [])));
    },
  };
}

export type FeedRunRepository = ReturnType<typeof createFeedRunRepository>;
