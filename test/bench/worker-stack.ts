import { QueueEvents } from 'bullmq';
import { loadConfig, type Config } from '../../config';
import { connectDatabase, type Database } from '../../src/data/database';
import type { Feed } from '../../src/data/feed.schema';
import type { IngestOutcome } from '../../src/ingest/ingest-feed';
import { createLogger } from '../../src/logger';
import { createQueues, enqueueIngest, type Queues } from '../../src/queue/queues';
import { createRedis } from '../../src/queue/redis';
import { startWorkers, type RunningWorkers } from '../../workers/start-workers';
import { elapsedMs } from './measure';

const FAR_FUTURE_MS = 365 * 24 * 3600 * 1000;

let jobCounter = 0;

/** A database and queue prefix no other run or bench uses. */
export function benchName(label: string): string {
  jobCounter += 1;
  return `bench_${label}_${process.pid}_${Date.now().toString(36)}_${jobCounter}`;
}

export function benchConfig(mongoUrl: string, redisUrl: string, queuePrefix: string): Config {
  return loadConfig({
    MONGO_URL: mongoUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    FETCH_ALLOW_PRIVATE: 'true',
    LOG_LEVEL: 'silent',
    INGEST_ATTEMPTS: '1',
  });
}

/**
 * A feed no scheduler tick will queue by itself: the bench queues its jobs, so a tick racing a timed run would
 * only add noise.
 */
export async function createBenchFeed(db: Database, name: string, url: string): Promise<Feed> {
  const feed = await db.feeds.create({ name, url, intervalMinutes: 60 });
  await db.feeds.advanceSchedule(feed._id, feed.nextRunAt, new Date(Date.now() + FAR_FUTURE_MS));
  return feed;
}

export interface QueueClient {
  queues: Queues;
  /** Queues an ingest of each feed at once, waits for all, and returns each outcome and the wall time of all. */
  runJobs(feedIds: string[]): Promise<{ ms: number; outcomes: IngestOutcome[] }>;
  close(): Promise<void>;
}

/** The producer side: queues jobs on `queuePrefix` and waits for whichever worker process runs them. */
export async function createQueueClient(config: Config): Promise<QueueClient> {
  const redis = createRedis(config.redisUrl, 'worker');
  const queues = createQueues(redis, config.queuePrefix, config.worker);
  const eventsConnection = redis.duplicate();
  const events = new QueueEvents('ingest', { connection: eventsConnection, prefix: config.queuePrefix });
  await events.waitUntilReady();
  return {
    queues,
    async runJobs(feedIds) {
      const startedAt = process.hrtime.bigint();
      const jobs = await Promise.all(
        feedIds.map(async (feedId) => {
          const id = await enqueueIngest(queues, feedId, benchName('job'));
          return (await queues.ingest.getJob(id))!;
        }),
      );
      const outcomes = await Promise.all(
        jobs.map((job) =>
          job.waitUntilFinished(events).catch((error: unknown) => {
            throw new Error(`ingest job ${job.id} failed: ${error instanceof Error ? error.message : error}`);
          }),
        ),
      );
      return { ms: elapsedMs(startedAt), outcomes: outcomes as IngestOutcome[] };
    },
    async close() {
      await queues.ingest.obliterate({ force: true });
      await queues.scheduler.obliterate({ force: true });
      await queues.close();
      await events.close();
      eventsConnection.disconnect();
      redis.disconnect();
    },
  };
}

export interface WorkerStack extends QueueClient {
  db: Database;
}

/** The worker process's parts in this process: its own database, queue prefix and BullMQ workers. */
export async function startWorkerStack(
  mongoUrl: string,
  redisUrl: string,
  label: string,
): Promise<WorkerStack> {
  const config = benchConfig(mongoUrl, redisUrl, benchName(label));
  const db = await connectDatabase(config.mongoUrl, { dbName: benchName(label) });
  const redis = createRedis(config.redisUrl, 'worker');
  const workers: RunningWorkers = await startWorkers({ config, db, redis, logger: createLogger(config) });
  const client = await createQueueClient(config);
  return {
    ...client,
    db,
    async close() {
      await workers.close();
      await client.close();
      await db.connection.dropDatabase();
      await db.close();
      redis.disconnect();
    },
  };
}
