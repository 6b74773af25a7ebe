import type { Redis } from 'ioredis';
import { connectDatabase, type Database } from '../../src/data/database';
import type { Posting } from '../../src/data/posting.schema';
import { createQueues, type Queues } from '../../src/queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { createRedis } from '../../src/queue/redis';
import { scheduleDueFeeds } from '../../src/queue/schedule-due-feeds';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { uniqueName } from '../helpers/test-config';
import { mongoUrlFor, spawnWorker, type WorkerProcess } from '../helpers/worker-process';
import { waitFor } from '../helpers/wait-for';

const FEEDS = 20;
const ITEMS_PER_FEED = 4;

/** An RSS feed whose last item repeats its first (a duplicate the ingest must keep once). */
function rssFeed(n: number): string {
  const items = Array.from({ length: ITEMS_PER_FEED }, (_, i) => i % (ITEMS_PER_FEED - 1)).map(
    (i) => `<item><title>Engineer ${n}.${i}</title><link>https://jobs.example.com/${n}/${i}</link>
<guid>job-${n}-${i}</guid><description>Company: Partner ${n} Job description: build things &amp; ship ${i}</description>
<pubDate>Mon, 0${(i % 9) + 1} Sep 2025 10:00:00 GMT</pubDate></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Partner ${n}</title>${items.join('')}</channel></rss>`;
}

interface Deployment {
  db: Database;
  redis: Redis;
  queues: Queues;
  workers: WorkerProcess[];
}

describe('scaling out: worker processes sharing one Redis and one MongoDB', () => {
  let fixtures: FixtureServer;
  const deployments: Deployment[] = [];

  beforeAll(async () => {
    fixtures = await startFixtureServer();
  });
  afterAll(async () => {
    for (const { db, redis, queues, workers } of deployments) {
      for (const worker of workers) worker.kill();
      await queues.ingest.obliterate({ force: true });
      await queues.scheduler.obliterate({ force: true });
      await queues.close();
      await redis.quit();
      await db.connection.dropDatabase();
      await db.close();
    }
    await fixtures.close();
  });

  /** Starts `count` worker processes, waits until each is taking jobs, then schedules twenty due feeds. */
  async function ingestWith(count: number, label: string): Promise<Deployment> {
    const dbName = uniqueName(label);
    const prefix = uniqueName(label);
    const db = await connectDatabase(mongoUrlFor(dbName));
    const redis = createRedis(process.env.REDIS_URL!, 'worker');
    const queues = createQueues(redis, prefix, ingestJobOptions({ attempts: 2, backoffMs: 20 }));
    const workers = Array.from({ length: count }, () =>
      spawnWorker({
        MONGO_URL: mongoUrlFor(dbName),
        REDIS_URL: process.env.REDIS_URL!,
        QUEUE_PREFIX: prefix,
      }),
    );
    const deployment = { db, redis, queues, workers };
    deployments.push(deployment);
    await Promise.all(workers.map((worker) => worker.waitForLog('workers started')));

    // Due an hour ahead: each worker's own scheduler tick (it runs once at start) must not queue them first.
    const dueAt = new Date(Date.now() + 3_600_000);
    for (let n = 1; n <= FEEDS; n++) {
      const path = `/${label}/feed-${n}.rss`;
      fixtures.handle(path, async (_req, res) => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(n));
      });
      await db.feeds.create({ name: `feed ${n}`, url: `${fixtures.url}${path}`, intervalMinutes: 60 }, dueAt);
    }
    expect(await scheduleDueFeeds(db, queues, dueAt)).toBe(FEEDS);
    await waitFor(
      async () => {
        const counts = await queues.ingest.getJobCounts('completed', 'failed');
        return counts.completed! + counts.failed! === FEEDS;
      },
      'every ingest job to end',
      90_000,
    );
    for (const worker of workers) worker.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual(workers.map(() => 0));
    return deployment;
  }

  test('two workers ingesting twenty feeds produce exactly the postings one worker produces, each feed once', async () => {
    const [one, two] = await Promise.all([ingestWith(1, 'one'), ingestWith(2, 'two')]);

    const [onePostings, twoPostings] = await Promise.all([comparable(one.db), comparable(two.db)]);
    expect(onePostings).toHaveLength(FEEDS * (ITEMS_PER_FEED - 1));
    expect(twoPostings).toEqual(onePostings);

    for (const deployment of [one, two]) {
      expect(await deployment.queues.ingest.getJobCounts('completed', 'failed')).toEqual({
        completed: FEEDS,
        failed: 0,
      });
      const runs = await deployment.db.connection.collection('feedRuns').find().toArray();
      expect(runs).toHaveLength(FEEDS);
      expect(runs.every((run) => run.status === 'succeeded' && run.attempts === 1)).toBe(true);
    }
    for (let n = 1; n <= FEEDS; n++) {
      expect([fixtures.requests(`/one/feed-${n}.rss`), fixtures.requests(`/two/feed-${n}.rss`)]).toEqual([
        1, 1,
      ]);
    }
    const ingestedBy = two.workers.map(
      (worker) => worker.logs.filter((line) => line.msg === 'feed ingested').length,
    );
    expect(ingestedBy.reduce((a, b) => a + b)).toBe(FEEDS);
    expect(Math.min(...ingestedBy)).toBeGreaterThan(0);
  }, 180_000);
});

/** Postings without what differs between two databases by nature (ids, times of seeing), keyed by feed name. */
async function comparable(db: Database) {
  const feeds = new Map((await db.feeds.list()).map((feed) => [String(feed._id), feed.name]));
  const postings = await db.connection.collection<Posting>('postings').find().toArray();
  return postings
    .map(({ _id, feedId, firstSeenAt, lastSeenAt, listedAt, ...posting }) => ({
      feed: feeds.get(String(feedId)),
      listedFromPostedAt: listedAt.getTime() === posting.postedAt?.getTime(),
      ...posting,
    }))
    .sort((a, b) => `${a.feed}/${a.externalId}`.localeCompare(`${b.feed}/${b.externalId}`));
}
