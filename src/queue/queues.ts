import { Queue, type BackoffOptions, type DefaultJobOptions } from 'bullmq';
import type { RedisClient } from './redis';

export const QUEUE_NAMES = ['ingest', 'scheduler', 'rollup'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Jobs carry ids only; the processor reloads everything else from MongoDB. */
export interface JobPayloads {
  ingest: { feedId: string };
  scheduler: Record<string, never>;
  /** The minute roll-up of the event counters (src/events/roll-up-events.ts). */
  rollup: Record<string, never>;
}

/**
 * The ingest queue's default job options: attempts, backoff and how many finished jobs are kept. They come from
 * the policy beside the processor, ingestJobOptions(config.worker) in workers/ingest.policy.ts, which this folder
 * cannot import (workers/ imports it).
 */
export type IngestJobDefaults = DefaultJobOptions & { attempts: number; backoff: BackoffOptions };

export interface Queues {
  ingest: Queue<JobPayloads['ingest']>;
  scheduler: Queue<JobPayloads['scheduler']>;
  rollup: Queue<JobPayloads['rollup']>;
  close(): Promise<void>;
}

export function createQueues(
  connection: RedisClient,
  prefix: string,
  ingestDefaults: IngestJobDefaults,
): Queues {
  const ingest = new Queue<JobPayloads['ingest']>('ingest', {
    connection,
    prefix,
    defaultJobOptions: ingestDefaults,
  });
  const scheduler = new Queue<JobPayloads['scheduler']>('scheduler', {
    connection,
    prefix,
    defaultJobOptions: { removeOnComplete: 100, removeOnFail: 100 },
  });
  // A failed roll-up is not retried as such: the next minute's run takes the same batches again.
  const rollup = new Queue<JobPayloads['rollup']>('rollup', {
    connection,
    prefix,
    defaultJobOptions: { removeOnComplete: 100, removeOnFail: 100 },
  });
  return {
    ingest,
    scheduler,
    rollup,
    async close() {
      await Promise.all([ingest.close(), scheduler.close(), rollup.close()]);
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
