import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { INGEST_BACKOFF_TYPE } from './ingest-backoff';

export const QUEUE_NAMES = ['ingest', 'scheduler'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Jobs carry ids only; the processor reloads everything else from MongoDB. */
export interface JobPayloads {
  ingest: { feedId: string };
  scheduler: Record<string, never>;
}

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

export interface Queues {
  ingest: Queue<JobPayloads['ingest']>;
  scheduler: Queue<JobPayloads['scheduler']>;
  close(): Promise<void>;
}

/** Failed jobs stay for inspection (bounded); completed ones stay long enough to deduplicate a repeated job id. */
const KEEP_JOBS: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

export function createQueues(connection: Redis, prefix: string, retry: RetryPolicy): Queues {
  const ingest = new Queue<JobPayloads['ingest']>('ingest', {
    connection,
    prefix,
    defaultJobOptions: {
      ...KEEP_JOBS,
      attempts: retry.attempts,
      backoff: { type: INGEST_BACKOFF_TYPE, delay: retry.backoffMs },
    },
  });
  const scheduler = new Queue<JobPayloads['scheduler']>('scheduler', {
    connection,
    prefix,
    defaultJobOptions: { removeOnComplete: 100, removeOnFail: 100 },
  });
  return {
    ingest,
    scheduler,
    async close() {
      await Promise.all([ingest.close(), scheduler.close()]);
    },
  };
}

/** Deterministic ids: a feed's poll due at one moment, or a manual run within one minute, is queued once. */
export const ingestJobId = {
  scheduled: (feedId: string, dueAt: Date) => `feed-${feedId}-due-${dueAt.getTime()}`,
  manual: (feedId: string, now: Date) => `feed-${feedId}-manual-${Math.floor(now.getTime() / 60_000)}`,
};

export async function enqueueIngest(
  queues: Pick<Queues, 'ingest'>,
  feedId: string,
  jobId: string,
): Promise<string> {
  const job = await queues.ingest.add('ingest', { feedId }, { jobId });
  return job.id ?? jobId;
}
