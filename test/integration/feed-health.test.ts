import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURE_FEEDS } from '../helpers/fixture-server';
import { startHarness, type Harness } from '../helpers/harness';

const HOUR = 3_600_000;

describe('a feed failing several polls in a row', () => {
  let h: Harness;
  let failing = true;

  beforeAll(async () => {
    h = await startHarness({ env: { INGEST_ATTEMPTS: '1', FEED_FAILING_AFTER: '3' } });
    const rss = await readFile(join(FIXTURE_FEEDS, 'jobs.rss'));
    h.fixtures.handle('/unstable.rss', (_req, res) => {
      if (failing) res.writeHead(502).end('bad gateway');
      else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
    });
  });
  afterAll(async () => {
    await h.close();
  });

  test('is marked failing after FEED_FAILING_AFTER polls, backs off up to a day, keeps its postings and recovers', async () => {
    failing = false;
    const feed = await h.db.feeds.create({
      name: 'unstable',
      url: `${h.fixtures.url}/unstable.rss`,
      intervalMinutes: 60,
    });
    expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'succeeded' });
    failing = true;

    const states = [];
    for (let poll = 1; poll <= 8; poll++) {
      const run = await h.runFeed(String(feed._id));
      expect(run).toMatchObject({ status: 'failed', error: `${feed.url} answered HTTP 502` });
      const stored = (await h.db.feeds.findById(feed._id))!;
      states.push({
        status: stored.status,
        failures: stored.consecutiveFailures,
        delayHours: Math.round((stored.nextRunAt.getTime() - run.startedAt.getTime()) / HOUR),
        lastError: stored.lastError,
      });
    }

    expect(states.map((s) => s.status)).toEqual([
      'active',
      'active',
      'failing',
      'failing',
      'failing',
      'failing',
      'failing',
      'failing',
    ]);
    expect(states.map((s) => s.failures)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Once failing, the next poll waits 2, 4, 8, 16 hours, then a day at most.
    expect(states.slice(2).map((s) => s.delayHours)).toEqual([2, 4, 8, 16, 24, 24]);
    expect(states[7]!.lastError).toBe(`${feed.url} answered HTTP 502`);
    expect(await h.db.postings.countActive(feed._id)).toBe(2);

    failing = false;
    const recovered = await h.runFeed(String(feed._id));

    // The failed polls wrote nothing, so the body read before them is still the stored one: nothing to write.
    expect(recovered).toMatchObject({ status: 'unchanged' });
    const stored = (await h.db.feeds.findById(feed._id))!;
    expect(stored).toMatchObject({ status: 'active', consecutiveFailures: 0, lastError: null });
    expect(stored.nextRunAt.getTime() - recovered.startedAt.getTime()).toBeLessThanOrEqual(HOUR);
  });

  test('a permanent failure marks the feed failing at once', async () => {
    h.fixtures.handle('/gone.rss', (_req, res) => void res.writeHead(410).end('gone'));
    const feed = await h.db.feeds.create({
      name: 'gone',
      url: `${h.fixtures.url}/gone.rss`,
      intervalMinutes: 30,
    });

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'failed', error: `${feed.url} answered HTTP 410` });
    const stored = (await h.db.feeds.findById(feed._id))!;
    expect(stored).toMatchObject({ status: 'failing', consecutiveFailures: 1 });
    expect(stored.nextRunAt.getTime() - run.startedAt.getTime()).toBe(HOUR);
  });

  test('a paused feed stays paused when its poll fails', async () => {
    h.fixtures.handle('/paused.rss', (_req, res) => void res.writeHead(500).end());
    const feed = await h.db.feeds.create({
      name: 'p',
      url: `${h.fixtures.url}/paused.rss`,
      intervalMinutes: 30,
    });
    await h.runFeed(String(feed._id));
    await h.runFeed(String(feed._id));
    await h.db.feeds.updateOwned(String(feed._id), 'all', { paused: true });
    await h.db.feeds.recordFailure(feed._id, new Date(), 'late failure');
    await h.db.feeds.markFailing(feed._id, new Date(Date.now() + HOUR));

    expect(await h.db.feeds.findById(feed._id)).toMatchObject({ status: 'paused', consecutiveFailures: 3 });
  });
});
