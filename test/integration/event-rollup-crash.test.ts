import type { Redis } from 'ioredis';
import { Types } from 'mongoose';
import { connectDatabase, type Database } from '../../src/data/database';
import { eventKeys } from '../../src/events/event-keys';
import { createEventCounter, type VisitorEvent } from '../../src/events/event-counter';
import { createQueues, type Queues } from '../../src/queue/queues';
import { createRedis } from '../../src/queue/redis';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { eventCounts } from '../helpers/events';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { testConfig, uniqueName } from '../helpers/test-config';
import { waitFor } from '../helpers/wait-for';
import { mongoUrlFor, spawnWorker, type WorkerProcess } from '../helpers/worker-process';

/**
 * One counter document per posting, in one batch of at least three update commands (on FerretDB one per update),
 * each a collection scan there: the kill lands inside the batch.
 */
const MIN_POSTINGS = 150;
/** Each posting is seen by this many visitors and clicked by one, in one minute batch. */
const VISITORS = 3;
const WAIT_MS = 200_000;

describe('a worker killed with SIGKILL in the middle of the event roll-up', () => {
  const config = testConfig();
  const mongoUrl = mongoUrlFor(uniqueName('rollup_crash'));
  const env = {
    MONGO_URL: mongoUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    WORKER_LOCK_MS: '5000',
    WORKER_STALLED_INTERVAL_MS: '1000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
  };
  const keys = eventKeys(config.queuePrefix);
  const feedId = new Types.ObjectId();
  let db: Database;
  let redis: Redis;
  let queues: Queues;
  const workers: WorkerProcess[] = [];
  let postingIds: string[];
  let postings: number;

  beforeAll(async () => {
    db = await connectDatabase(mongoUrl);
    postings = Math.max(MIN_POSTINGS, 3 * db.updatesPerCommand);
    redis = createRedis(config.redisUrl, 'worker');
    queues = createQueues(redis, config.queuePrefix, ingestJobOptions(config.worker));
    await seedPostings(
      db,
      feedId,
      Array.from({ length: postings }, (_, i) => preparedPosting(`p${i}`)),
    );
    postingIds = (await db.postings.listForFeed(feedId)).map((posting) => String(posting._id));
    // Counted three minutes ago, as the API counts: the batch is closed when the worker starts.
    const counter = createEventCounter(redis, { prefix: config.queuePrefix, burstLimit: 100_000 });
    const at = new Date(Date.now() - 3 * 60_000);
    for (let visitor = 0; visitor < VISITORS; visitor++) {
      const events: VisitorEvent[] = postingIds.map((postingId) => ({
        kind: 'impression',
        placementId: null,
        postingId,
        ranking: 'recency',
      }));
      if (visitor === 0) events.push(...events.map((event): VisitorEvent => ({ ...event, kind: 'click' })));
      await counter.count(`visitor-${visitor}`, events, at);
    }
  }, 60_000);
  afterAll(async () => {
    if (process.env.TEST_LOG_LEVEL)
      for (const worker of workers)
        process.stderr.write(worker.logs.map((line) => JSON.stringify(line)).join('\n'));
    for (const worker of workers) worker.kill();
    await queues.ingest.obliterate({ force: true });
    await queues.scheduler.obliterate({ force: true });
    await queues.rollup.obliterate({ force: true });
    await queues.close();
    await redis.quit();
    await db.connection.dropDatabase();
    await db.close();
  });

  test(
    'the next worker finishes the batch: every count once, nothing lost',
    async () => {
      const first = spawnWorker(env);
      workers.push(first);
      const writtenBeforeKill = await waitFor(
        async () => {
          const written = await db.connection.collection('event_counts').countDocuments();
          return written > 0 ? written : undefined;
        },
        'the first rolled-up counts',
        WAIT_MS,
      );
      first.kill();
      await first.exited;
      expect(writtenBeforeKill).toBeLessThan(postings);
      expect(first.logs.map((line) => line.msg)).not.toContain('events rolled up');
      expect(await redis.zcard(keys.sealedBatches)).toBe(1);

      const second = spawnWorker(env);
      workers.push(second);
      await second.waitForLog('events rolled up', WAIT_MS);
      expect(await redis.zcard(keys.sealedBatches)).toBe(0);
      expect(await redis.zcard(keys.batches)).toBe(0);

      const counts = await eventCounts(db, { feedId });
      expect(counts).toHaveLength(postings);
      expect(new Set(counts.map((count) => String(count.postingId)))).toEqual(new Set(postingIds));
      const wrong = counts.filter(
        (count) => count.impressions !== VISITORS || count.clicks !== 1 || count.appliedBatches.length !== 1,
      );
      expect(wrong).toEqual([]);
      const errors = workers.flatMap((worker) => worker.logs.filter((line) => line['level'] === 50));
      expect(errors).toEqual([]);

      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    },
    3 * WAIT_MS,
  );
});
