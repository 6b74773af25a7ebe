import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { QueueEvents } from 'bullmq';
import { loadConfig, type Config } from '../../config';
import type { Database } from '../../src/data/database';
import type { Feed } from '../../src/data/feed.schema';
import type { IngestOutcome } from '../../src/ingest/ingest-feed';
import { createQueues, enqueueIngest, type Queues } from '../../src/queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { createRedis } from '../../src/queue/redis';
import { REPO_ROOT } from './child-process';
import { elapsedMs } from './measure';

const FAR_FUTURE_MS = 365 * 24 * 3600 * 1000;
const STARTUP_TIMEOUT_MS = 60_000;

let nameCounter = 0;

/** A database and queue prefix no other run or bench uses. */
export function benchName(label: string): string {
  nameCounter += 1;
  return `bench_${label}_${process.pid}_${Date.now().toString(36)}_${nameCounter}`;
}

/** The configuration a worker process of this bench runs with: its own database (in MONGO_URL) and queue prefix. */
export function benchConfig(mongoUrl: string, redisUrl: string, label: string): Config {
  const url = new URL(mongoUrl);
  url.pathname = `/${benchName(label)}`;
  return loadConfig({
    MONGO_URL: url.toString(),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: benchName(label),
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

export type JobsResult =
  { finished: true; ms: number; outcomes: IngestOutcome[] } | { finished: false; ms: number };

export interface QueueClient {
  queues: Queues;
  /**
   * Queues an ingest of each feed at once and waits for all (or until `timeoutMs`); the wall time covers queueing,
   * fetching, parsing and storing.
   */
  runJobs(feedIds: string[], timeoutMs?: number): Promise<JobsResult>;
  close(): Promise<void>;
}

/** The producer side: queues jobs on the config's prefix and waits for whichever worker process runs them. */
export async function createQueueClient(config: Config): Promise<QueueClient> {
  const redis = createRedis(config.redisUrl, 'worker');
  const queues = createQueues(redis, config.queuePrefix, ingestJobOptions(config.worker));
  const eventsConnection = redis.duplicate();
  const events = new QueueEvents('ingest', { connection: eventsConnection, prefix: config.queuePrefix });
  await events.waitUntilReady();
  return {
    queues,
    async runJobs(feedIds, timeoutMs = 24 * 3600 * 1000) {
      const startedAt = process.hrtime.bigint();
      const jobs = await Promise.all(
        feedIds.map(async (feedId) => {
          const id = await enqueueIngest(queues, feedId, benchName('job'));
          return (await queues.ingest.getJob(id))!;
        }),
      );
      const all = Promise.all(
        jobs.map((job) =>
          job.waitUntilFinished(events).catch((error: unknown) => {
            throw new Error(`ingest job ${job.id} failed: ${error instanceof Error ? error.message : error}`);
          }),
        ),
      );
      const timer = new AbortController();
      const outcome = await Promise.race([
        all.then((outcomes) => ({ outcomes: outcomes as IngestOutcome[] })),
        delay(timeoutMs, null, { signal: timer.signal }),
      ]).finally(() => timer.abort());
      const ms = elapsedMs(startedAt);
      if (!outcome) {
        all.catch(() => undefined);
        return { finished: false, ms };
      }
      return { finished: true, ms, outcomes: outcome.outcomes };
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

/** A real worker process (`node --import tsx workers/main.ts`); resolves once it logs "workers started". */
export async function startWorkerProcess(config: Config): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      MONGO_URL: config.mongoUrl,
      REDIS_URL: config.redisUrl,
      QUEUE_PREFIX: config.queuePrefix,
      FETCH_ALLOW_PRIVATE: 'true',
      INGEST_ATTEMPTS: '1',
      LOG_LEVEL: 'info',
      // Several bench workers share this host: without this they would all claim the default metrics port.
      WORKER_METRICS_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const lines = createInterface({ input: child.stdout! });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('worker process did not start in time')),
      STARTUP_TIMEOUT_MS,
    );
    lines.on('line', (line) => {
      if (line.includes('"msg":"workers started"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(`worker process exited (${code}) before it started:\n${stderr.join('').slice(-2000)}`),
      );
    });
  });
  try {
    await ready;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return child;
}

/** SIGTERM lets the active job finish (graceful shutdown); SIGKILL abandons a job that ran past its budget. */
export async function stopWorkerProcess(
  child: ChildProcess,
  signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM',
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}
