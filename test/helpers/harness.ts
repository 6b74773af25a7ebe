import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import supertest from 'supertest';
import type { Config } from '../../config';
import { createHttpListener } from '../../src/api/http-listener';
import { connectDatabase, type Database } from '../../src/data/database';
import type { FeedRun } from '../../src/data/feed-run.schema';
import { createLogger } from '../../src/logger';
import { createQueues, enqueueIngest, type Queues } from '../../src/queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { createRedis } from '../../src/queue/redis';
import { SCHEDULER_ID } from '../../src/queue/schedule-due-feeds';
import { EVENT_ROLLUP_SCHEDULER_ID } from '../../src/queue/event-rollup-tick';
import { startWorkers, type RunningWorkers } from '../../workers/start-workers';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { testConfig, uniqueName } from './test-config';

export interface Harness {
  config: Config;
  db: Database;
  /** The worker-role connection the harness's queues and workers share. */
  redis: Redis;
  queues: Queues;
  fixtures: FixtureServer;
  /** The in-process workers, unless started with `workers: false`. */
  workers: RunningWorkers | undefined;
  api: ReturnType<typeof supertest>;
  /** Queues an ingest of the feed under a fresh job id and waits until the job has finished; returns its result. */
  runJob(feedId: string, jobId?: string): Promise<{ jobId: string; result: unknown; failedReason?: string }>;
  /** runJob, then the run it recorded. */
  runFeed(feedId: string, jobId?: string): Promise<FeedRun>;
  close(): Promise<void>;
}

/**
 * Everything one test file needs, on the real services: its own database and queue prefix, a worker process's
 * workers in-process, the API app for supertest, and a fixture server for partner feeds.
 */
export async function startHarness(
  options: {
    workers?: boolean;
    schedulerTick?: boolean;
    env?: Record<string, string>;
    /** Open the database connection with the driver's command events on (see query-shapes.ts). */
    monitorCommands?: boolean;
  } = {},
): Promise<Harness> {
  const config = testConfig(options.env);
  const logger = createLogger(config);
  const db = await connectDatabase(config.mongoUrl, {
    dbName: uniqueName('jobfeed'),
    maxPostingAgeDays: config.feeds.maxPostingAgeDays,
    publicReadPreference: config.mongoReadPreference,
    monitorCommands: options.monitorCommands,
  });
  const redis: Redis = createRedis(config.redisUrl, 'worker');
  const queues = createQueues(redis, config.queuePrefix, ingestJobOptions(config.worker));
  const eventsConnection = redis.duplicate();
  const queueEvents = new QueueEvents('ingest', { connection: eventsConnection, prefix: config.queuePrefix });
  await queueEvents.waitUntilReady();
  const workers: RunningWorkers | undefined =
    options.workers === false ? undefined : await startWorkers({ config, db, redis, logger });
  // Tests poll feeds themselves (runFeed) or call scheduleDueFeeds, and roll events up with rollUpEvents; the
  // minute ticks would do it behind their back whenever a test crosses a minute boundary.
  if (!options.schedulerTick) {
    await queues.scheduler.removeJobScheduler(SCHEDULER_ID);
    await queues.rollup.removeJobScheduler(EVENT_ROLLUP_SCHEDULER_ID);
  }
  const fixtures = await startFixtureServer();

  const runJob: Harness['runJob'] = async (feedId, jobId = uniqueName('run')) => {
    const id = await enqueueIngest(queues, feedId, jobId);
    const job = await queues.ingest.getJob(id);
    const result: unknown = await job!.waitUntilFinished(queueEvents).catch(async (error: unknown) => {
      // A failed job is an outcome runJob reports (failedReason); any other rejection is the test's failure.
      if ((await queues.ingest.getJobState(id)) === 'failed') return undefined;
      throw error;
    });
    const finished = await queues.ingest.getJob(id);
    return { jobId: id, result, failedReason: finished?.failedReason };
  };

  return {
    config,
    db,
    redis,
    queues,
    fixtures,
    workers,
    api: supertest(createHttpListener({ db, logger, redis, config, queues })),
    runJob,
    async runFeed(feedId, jobId) {
      const { jobId: id } = await runJob(feedId, jobId);
      const run = await db.feedRuns.findByJobId(id);
      if (!run) throw new Error(`job ${id} finished without a run record`);
      return run;
    },
    async close() {
      await workers?.close();
      await queues.ingest.obliterate({ force: true });
      await queues.scheduler.obliterate({ force: true });
      await queues.rollup.obliterate({ force: true });
      await queues.close();
      await queueEvents.close();
      eventsConnection.disconnect();
      await fixtures.close();
      await db.connection.dropDatabase();
      await db.close();
      await redis.quit();
    },
  };
}
