import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { createHostSlots } from '../../src/queue/host-slots';
import { createRedis } from '../../src/queue/redis';
import { FIXTURE_FEEDS } from '../helpers/fixture-server';
import { startHarness, type Harness } from '../helpers/harness';
import { uniqueName } from '../helpers/test-config';
import { waitFor } from '../helpers/wait-for';

describe('per-host fetch slots in Redis', () => {
  let one: Redis;
  let two: Redis;
  const prefix = uniqueName('slots');

  beforeAll(() => {
    one = createRedis(process.env.REDIS_URL!, 'worker');
    two = createRedis(process.env.REDIS_URL!, 'worker');
  });
  afterAll(async () => {
    await one.quit();
    await two.quit();
  });

  test('two processes share the limit of one host; other hosts are not affected', async () => {
    const a = createHostSlots(one, { prefix, limit: 2 });
    const b = createHostSlots(two, { prefix, limit: 2 });

    const first = await a.tryAcquire('partner.example.com');
    const second = await b.tryAcquire('PARTNER.example.com');
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(await a.tryAcquire('partner.example.com')).toBeNull();
    expect(await b.tryAcquire('partner.example.com')).toBeNull();
    const other = await b.tryAcquire('other.example.com');
    expect(other).not.toBeNull();

    await first!.release();
    const third = await b.tryAcquire('partner.example.com');
    expect(third).not.toBeNull();
    await Promise.all([second!.release(), third!.release(), other!.release()]);
  });

  test('a lease its holder never releases (a killed worker) expires by itself', async () => {
    // A lease long enough that a loaded machine's late renewal timer cannot let it lapse; the orphan's is short.
    const slots = createHostSlots(one, { prefix, limit: 1, leaseMs: 5000 });
    const held = await slots.tryAcquire('crashy.example.com');
    expect(held).not.toBeNull();
    // The renewal timer of this lease keeps it alive: a killed process has no timer, so simulate with a second set.
    const orphanKey = `${prefix}:fetch-host:orphan.example.com`;
    await one.zadd(orphanKey, Date.now() + 300, 'dead-worker-lease');
    expect(await slots.tryAcquire('orphan.example.com')).toBeNull();
    const taken = await waitFor(
      async () => (await slots.tryAcquire('orphan.example.com')) ?? undefined,
      'the orphaned lease to expire',
      5000,
    );

    expect(await slots.tryAcquire('crashy.example.com')).toBeNull();
    await Promise.all([held!.release(), taken!.release()]);
  });
});

describe('ingest honours FETCH_HOST_CONCURRENCY', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ env: { WORKER_CONCURRENCY: '6', FETCH_HOST_CONCURRENCY: '2' } });
  });
  afterAll(async () => {
    await h.close();
  });

  test('six feeds of one host polled at once are fetched at most two at a time, and all succeed', async () => {
    const rss = await readFile(join(FIXTURE_FEEDS, 'jobs.rss'));
    let active = 0;
    let most = 0;
    const feeds = [];
    for (let i = 0; i < 6; i++) {
      h.fixtures.handle(`/slow-${i}.rss`, (_req, res) => {
        active++;
        most = Math.max(most, active);
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
          active--;
        }, 300);
      });
      feeds.push(
        await h.db.feeds.create({
          name: `s${i}`,
          url: `${h.fixtures.url}/slow-${i}.rss`,
          intervalMinutes: 60,
        }),
      );
    }

    const runs = await Promise.all(feeds.map((feed) => h.runFeed(String(feed._id))));

    expect(runs.map((run) => run.status)).toEqual(Array(6).fill('succeeded'));
    expect(runs.map((run) => run.attempts)).toEqual(Array(6).fill(1));
    expect(most).toBe(2);
  });
});
