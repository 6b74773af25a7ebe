import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { connectDatabase, type Database } from '../../src/data/database';
import { createQueues, type Queues } from '../../src/queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { createRedis } from '../../src/queue/redis';
import { FIXTURE_FEEDS, startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { sampleValue } from '../helpers/prometheus';
import { uniqueName } from '../helpers/test-config';
import { freePort } from '../services/server-process';
import { mongoUrlFor, spawnWorker, type WorkerProcess } from '../helpers/worker-process';

const METRICS_TOKEN = 'metrics-token-0123456789';

describe('a worker process receiving SIGTERM in the middle of a job', () => {
  const dbName = uniqueName('shutdown');
  const prefix = uniqueName('shutdown');
  let db: Database;
  let redis: Redis;
  let queues: Queues;
  let fixtures: FixtureServer;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    db = await connectDatabase(mongoUrlFor(dbName));
    redis = createRedis(process.env.REDIS_URL!, 'worker');
    queues = createQueues(redis, prefix, ingestJobOptions({ attempts: 2, backoffMs: 20 }));
    fixtures = await startFixtureServer();
  });
  afterAll(async () => {
    worker?.kill();
    await fixtures.close();
    await queues.ingest.obliterate({ force: true });
    await queues.scheduler.obliterate({ force: true });
    await queues.close();
    await redis.quit();
    await db.connection.dropDatabase();
    await db.close();
  });

  test('finishes the job, records it, and exits 0; nothing is lost or run twice', async () => {
    const body = await readFile(join(FIXTURE_FEEDS, 'recent-posts.xml'));
    let requested!: () => void;
    const firstBytesSent = new Promise<void>((resolve) => (requested = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    fixtures.handle('/slow.xml', async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.write(body.subarray(0, 1200));
      requested();
      await released;
      for (let at = 1200; at < body.length; at += 400) {
        res.write(body.subarray(at, at + 400));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      res.end();
    });
    const feed = await db.feeds.create({
      name: 'slow',
      url: `${fixtures.url}/slow.xml`,
      intervalMinutes: 60,
    });

    const metricsPort = await freePort();
    worker = spawnWorker({
      MONGO_URL: mongoUrlFor(dbName),
      REDIS_URL: process.env.REDIS_URL!,
      QUEUE_PREFIX: prefix,
      INGEST_ATTEMPTS: '2',
      WORKER_METRICS_PORT: String(metricsPort),
      METRICS_TOKEN,
      HOST: '127.0.0.1',
    });
    await firstBytesSent;
    expect(await queues.ingest.getJobCounts('active')).toEqual({ active: 1 });
    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(sampleValue(await scraped.text(), 'jobfeed_fetch_outcomes_total', { outcome: 'ok' })).toBe(1);
    worker.child.kill('SIGTERM');
    await worker.waitForLog('shutting down');
    release();

    expect(await worker.exited).toBe(0);
    const messages = worker.logs.map((line) => line.msg);
    expect(messages.indexOf('shutting down')).toBeLessThan(messages.indexOf('feed ingested'));
    expect(messages.at(-1)).toBe('shutdown complete');
    expect(await queues.ingest.getJobCounts('completed', 'active', 'waiting', 'delayed', 'failed')).toEqual({
      completed: 1,
      active: 0,
      waiting: 0,
      delayed: 0,
      failed: 0,
    });
    const runs = await db.feedRuns.listForFeed(feed._id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      counts: { seen: 6, inserted: 5, updated: 0, unchanged: 0, rejected: 0 },
    });
    expect(await db.postings.countActive(feed._id)).toBe(5);
    expect(fixtures.requests('/slow.xml')).toBe(1);
  }, 120_000);
});
