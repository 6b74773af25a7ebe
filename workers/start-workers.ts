import { Worker, type Job } from 'bullmq';
import type { Config } from '../config';
import type { Database } from '../src/data/database';
import { createFetchDispatcher, fetchFeed } from '../src/ingest/fetch/fetch-feed';
import { beginPostingsWrite, bumpPostingsVersion } from '../src/cache/postings-version';
import type { Logger } from '../src/logger';
import { createWorkerMetrics, type WorkerMetrics } from '../src/metrics/worker-metrics';
import { createHostSlots } from '../src/queue/host-slots';
import { createQueues, type JobPayloads, type QueueName } from '../src/queue/queues';
import { isConnectionError, type RedisClient } from '../src/queue/redis';
import { ensureSchedulerTick, scheduleDueFeeds } from '../src/queue/schedule-due-feeds';
import { failedForGood, ingestBackoff, ingestJobOptions } from './ingest.policy';
import { createIngestProcessor } from './ingest.processor';
import { createSchedulerProcessor } from './scheduler.processor';
import { createEventRollupProcessor } from './event-rollup.processor';
import { eventMetrics } from '../src/metrics/event-metrics';
import { ensureEventRollupTick } from '../src/queue/event-rollup-tick';

type Processors = { [Q in QueueName]: (job: Job<JobPayloads[Q]>) => Promise<unknown> };

export interface WorkerDependencies {
  config: Config;
  db: Database;
  redis: RedisClient;
  logger: Logger;
  /** Where to count; a fresh registry when left out. */
  metrics?: WorkerMetrics;
}

export interface RunningWorkers {
  workers: Worker[];
  /** Job durations, fetch outcomes and posting counts of this process; workers/main.ts serves them. */
  metrics: WorkerMetrics;
  /** Stops taking jobs, lets the active ones finish, then closes the queues. */
  close(): Promise<void>;
}

/** Starts one BullMQ worker per queue and makes sure the scheduler tick exists (reconciling a wiped Redis). */
export async function startWorkers(deps: WorkerDependencies): Promise<RunningWorkers> {
  const { config, db, redis, logger } = deps;
  const queues = createQueues(redis, config.queuePrefix, ingestJobOptions(config.worker));
  const dispatcher = createFetchDispatcher(config.fetch);
  const metrics = deps.metrics ?? createWorkerMetrics();
  const processors: Processors = {
    ingest: metrics.countPostings(
      createIngestProcessor({
        db,
        fetch: metrics.countFetch((url, validators) => fetchFeed(url, validators, config.fetch, dispatcher)),
        snippetLength: config.snippetLength,
        logger: logger.child({ module: 'ingest' }),
        hostSlots: createHostSlots(redis, {
          prefix: config.queuePrefix,
          limit: config.fetch.hostConcurrency,
        }),
        failingAfter: config.feeds.failingAfter,
        expiryMinShare: config.feeds.expiryMinShare,
        onPostingsChanged: () => bumpPostingsVersion(redis, config.queuePrefix),
        beginPostingsWrite: () => beginPostingsWrite(redis, config.queuePrefix),
      }),
    ),
    scheduler: metrics.countPostings(
      createSchedulerProcessor({ db, queues, logger: logger.child({ module: 'scheduler' }) }),
    ),
    rollup: createEventRollupProcessor({
      db,
      redis,
      prefix: config.queuePrefix,
      metrics: eventMetrics(metrics.registry),
      logger: logger.child({ module: 'events' }),
    }),
  };

  const workers = (Object.keys(processors) as QueueName[]).map((name) => {
    const timed = metrics.timeJob(name, processors[name] as (job: Job) => Promise<unknown>);
    const worker = new Worker(name, timed, {
      connection: redis,
      prefix: config.queuePrefix,
      concurrency: name === 'ingest' ? config.worker.concurrency : 1,
      lockDuration: config.worker.lockDurationMs,
      stalledInterval: config.worker.stalledIntervalMs,
      settings: { backoffStrategy: ingestBackoff },
    });
    worker.on('failed', (job, error) => {
      const final = failedForGood(job, error);
      const fields = {
        queue: name,
        jobId: job?.id,
        feedId: job?.data?.feedId,
        attempt: job?.attemptsMade,
        err: error,
      };
      if (final) logger.error(fields, 'job failed');
      else logger.warn(fields, 'job attempt failed, will retry');
    });
    // Connection errors repeat the shared connection's, which logRedisOutages reports once per outage.
    worker.on('error', (error) => {
      if (!isConnectionError(error)) logger.error({ queue: name, err: error }, 'worker error');
    });
    return worker;
  });

  await ensureSchedulerTick(queues);
  await ensureEventRollupTick(queues);
  await scheduleDueFeeds(db, queues);
  logger.info({ queues: Object.keys(processors), concurrency: config.worker.concurrency }, 'workers started');
  return {
    workers,
    metrics,
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await queues.close();
      await dispatcher.close();
    },
  };
}
