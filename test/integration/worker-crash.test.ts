import { Readable } from 'node:stream';
import type { Redis } from 'ioredis';
import { connectDatabase, type Database } from '../../src/data/database';
import { withStoreHashes } from '../../src/ingest/normalize/hashes';
import { normalizePosting } from '../../src/ingest/normalize/normalize-posting';
import type { PreparedPosting } from '../../src/domain/posting';
import { readFeed } from '../../src/ingest/read-feed';
import { createQueues, enqueueIngest, type Queues } from '../../src/queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { createRedis } from '../../src/queue/redis';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { rssFeed } from '../helpers/generated-feed';
import { testConfig, uniqueName } from '../helpers/test-config';
import { waitFor } from '../helpers/wait-for';
import { mongoUrlFor, spawnWorker, type WorkerProcess } from '../helpers/worker-process';

// Three batches of 500: the kill lands after the first is written and before the body has ended.
const POSTINGS = 1200;
const CHUNKS = 20;
const WAIT_MS = 200_000;

/** The stored fields that a clean run derives from the feed alone (no ids, no times of the run). */
const comparable = (postings: PreparedPosting[]) =>
  postings
    .map((p) => ({
      externalId: p.externalId,
      title: p.title,
      company: p.company,
      snippet: p.snippet,
      url: p.url,
      postedAt: p.postedAt,
      fingerprint: p.fingerprint,
      contentHash: p.contentHash,
    }))
    .sort((a, b) => a.externalId.localeCompare(b.externalId));

/** What a clean, uninterrupted run stores: the same reader and normalizer, without the queue or a crash. */
async function cleanPostings(body: Buffer) {
  const reading = await readFeed(Readable.from([body]), { contentType: 'application/rss+xml' });
  const context = {
    feedUrl: 'http://partner.test/big.rss',
    company: null,
    fetchedAt: new Date(),
    snippetLength: 160,
  };
  const postings: PreparedPosting[] = [];
  for await (const raw of reading.postings) {
    const result = normalizePosting(raw, context);
    if (result.ok) postings.push(withStoreHashes(result.posting, raw.date));
  }
  return comparable(postings);
}

describe('a worker killed with SIGKILL in the middle of a large ingest', () => {
  const config = testConfig();
  const dbName = uniqueName('crash');
  const mongoUrl = mongoUrlFor(dbName);
  const env = {
    MONGO_URL: mongoUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    FETCH_ALLOW_PRIVATE: 'true',
    WORKER_LOCK_MS: '5000',
    WORKER_STALLED_INTERVAL_MS: '1000',
    // A retry mends a duplicate-key race with the killed worker's last batch, which the server may still be writing.
    INGEST_ATTEMPTS: '4',
    INGEST_BACKOFF_MS: '20',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
  };
  let db: Database;
  let redis: Redis;
  let queues: Queues;
  let partner: FixtureServer;
  const workers: WorkerProcess[] = [];
  let expected: ReturnType<typeof comparable>;

  beforeAll(async () => {
    db = await connectDatabase(mongoUrl);
    redis = createRedis(config.redisUrl, 'worker');
    queues = createQueues(redis, config.queuePrefix, ingestJobOptions(config.worker));
    partner = await startFixtureServer();
    const postedAt = new Date('2026-11-01T12:00:00Z');
    const body = Buffer.from(
      rssFeed(Array.from({ length: POSTINGS }, (_, i) => ({ id: `big-${i + 1}`, postedAt }))),
    );
    const slice = Math.ceil(body.byteLength / CHUNKS);
    // Dripped over about two seconds, so the kill lands while postings are being written.
    partner.handle('/big.rss', async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      for (let i = 0; i < CHUNKS && !res.destroyed; i++) {
        res.write(body.subarray(i * slice, (i + 1) * slice));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      res.end();
    });
    expected = await cleanPostings(body);
  });
  afterAll(async () => {
    if (process.env.TEST_LOG_LEVEL)
      for (const worker of workers)
        process.stderr.write(worker.logs.map((line) => JSON.stringify(line)).join('\n'));
    for (const worker of workers) worker.kill();
    await queues.ingest.obliterate({ force: true });
    await queues.scheduler.obliterate({ force: true });
    await queues.close();
    await redis.quit();
    await partner.close();
    await db.connection.dropDatabase();
    await db.close();
  });

  test(
    'its job is picked up again and the end state equals a clean run',
    async () => {
      const crashed = await db.feeds.create({
        name: 'big',
        url: `${partner.url}/big.rss`,
        intervalMinutes: 60,
      });
      // Only the job this test queues polls the feed: the worker's scheduler finds nothing due.
      await db.feeds.advanceSchedule(crashed._id, crashed.nextRunAt, new Date(Date.now() + 24 * 3600_000));

      const first = spawnWorker(env);
      workers.push(first);
      const jobId = await enqueueIngest(queues, String(crashed._id), 'crash-run');
      const writtenBeforeKill = await waitFor(
        async () => {
          const count = await db.postings.countActive(crashed._id);
          return count > 0 ? count : undefined;
        },
        'the first postings',
        WAIT_MS,
      );
      first.kill();
      await first.exited;
      expect(writtenBeforeKill).toBeLessThan(POSTINGS);
      expect(await (await queues.ingest.getJob(jobId))!.getState()).toBe('active');

      const second = spawnWorker(env);
      workers.push(second);
      const state = await waitFor(
        async () => {
          const current = await (await queues.ingest.getJob(jobId))!.getState();
          return current === 'completed' || current === 'failed' ? current : undefined;
        },
        'the job to finish',
        WAIT_MS,
      );
      const failedReason = (await queues.ingest.getJob(jobId))!.failedReason;
      const errors = workers.flatMap((worker) => worker.logs.filter((line) => line['level'] === 50));
      expect({ state, failedReason, errors }).toEqual({
        state: 'completed',
        failedReason: undefined,
        errors: [],
      });

      const run = (await db.feedRuns.findByJobId(jobId))!;
      expect(run.status).toBe('succeeded');
      expect(run.attempts).toBeGreaterThanOrEqual(2);
      expect(run.counts).toEqual({
        seen: POSTINGS,
        inserted: POSTINGS - run.counts.unchanged,
        updated: 0,
        unchanged: run.counts.unchanged,
        rejected: 0,
      });
      expect(run.counts.unchanged).toBeGreaterThanOrEqual(writtenBeforeKill);

      const afterCrash = await db.postings.listForFeed(crashed._id);
      expect(afterCrash).toHaveLength(POSTINGS);
      expect(new Set(afterCrash.map((p) => p.externalId)).size).toBe(POSTINGS);
      expect(afterCrash.every((p) => p.status === 'active')).toBe(true);
      expect(comparable(afterCrash)).toEqual(expected);

      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    },
    3 * WAIT_MS,
  );
});
