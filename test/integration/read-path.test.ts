import { Types } from 'mongoose';
import supertest from 'supertest';
import { createHttpListener } from '../../src/api/http-listener';
import { postingsVersionKey } from '../../src/cache/postings-version';
import { createLogger } from '../../src/logger';
import { createRedis } from '../../src/queue/redis';
import { startHarness, type Harness } from '../helpers/harness';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { waitFor } from '../helpers/wait-for';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

describe('the cached public read path', () => {
  let h: Harness;
  const feedId = new Types.ObjectId();

  beforeAll(async () => {
    h = await startHarness({ env: { CACHE_VERSION_CHECK_MS: '100' } });
    await seedPostings(h.db, feedId, [
      preparedPosting('p1', { title: 'Backend Engineer', postedAt: hoursAgo(2) }),
      preparedPosting('p2', { title: 'Data Analyst', postedAt: hoursAgo(5) }),
    ]);
  });
  afterAll(async () => {
    await h.close();
  });

  const titles = (body: { jobs: { title: string }[] }) => body.jobs.map((job) => job.title);

  test('answers with an ETag, Cache-Control and CORS for any origin, and 304 when If-None-Match names it', async () => {
    const first = await h.api
      .get('/api/v1/jobs/recent?limit=5')
      .set('origin', 'https://news.example')
      .expect(200);
    expect(titles(first.body)).toEqual(['Backend Engineer', 'Data Analyst']);
    expect(first.headers.etag).toMatch(/^"[\w-]{20,}"$/);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(first.headers['access-control-allow-credentials']).toBeUndefined();
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers['cross-origin-resource-policy']).toBe('cross-origin');

    // The second request is answered by the fast path in front of Express: same bytes, same headers.
    const again = await h.api.get('/api/v1/jobs/recent?limit=5').expect(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.etag).toBe(first.headers.etag);

    const notModified = await h.api
      .get('/api/v1/jobs/recent?limit=5')
      .set('if-none-match', `W/"other", ${first.headers.etag}`)
      .expect(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.etag).toBe(first.headers.etag);
    expect(notModified.headers['cache-control']).toBe(first.headers['cache-control']);

    await h.api.get('/api/v1/jobs/recent?limit=5').set('if-none-match', '"stale"').expect(200);
  });

  test('the same filters spelled differently share one cached response', async () => {
    const a = await h.api.get('/api/v1/jobs/recent?limit=3&q=engineer').expect(200);
    const b = await h.api.get('/api/v1/jobs/recent?q=engineer&limit=03').expect(200);
    expect(b.headers.etag).toBe(a.headers.etag);
    expect(titles(b.body)).toEqual(['Backend Engineer']);
  });

  test('a CORS preflight is allowed for GET from any origin', async () => {
    const res = await h.api
      .options('/api/v1/jobs/recent')
      .set('origin', 'https://news.example')
      .set('access-control-request-method', 'GET')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toContain('GET');
  });

  test('validation errors are unchanged by the cache, also for a URL that was never valid', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await h.api.get('/api/v1/jobs/recent?limit=0').expect(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', fields: [{ field: 'limit' }] });
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
  });

  test('a posting written without an ingest stays hidden by the cache; the next ingest that changes postings shows it within seconds', async () => {
    const url = '/api/v1/jobs/recent?limit=10';
    const before = titles((await h.api.get(url).expect(200)).body);
    // Counts the API's reads of the postings version (every CACHE_VERSION_CHECK_MS, when a request comes).
    const monitor = await h.redis.monitor();
    const versionKey = postingsVersionKey(h.config.queuePrefix);
    let versionChecks = 0;
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args[0]?.toLowerCase() === 'get' && args[1] === versionKey) versionChecks++;
    });
    try {
      await seedPostings(h.db, feedId, [
        preparedPosting('p3', { title: 'Quiet Insert', postedAt: hoursAgo(1) }),
      ]);
      const checksBefore = versionChecks;
      // A check starts only once the one before it has ended: two checks since the insert mean one has finished.
      await waitFor(async () => {
        await h.api.get(url).expect(200);
        return versionChecks >= checksBefore + 2;
      }, 'two postings-version checks after the insert');
      expect(titles((await h.api.get(url).expect(200)).body)).toEqual(before);
    } finally {
      monitor.disconnect();
    }

    h.fixtures.serveFile('/jobs.rss', 'jobs.rss');
    const feed = await h.db.feeds.create({
      name: 'rss',
      url: `${h.fixtures.url}/jobs.rss`,
      intervalMinutes: 60,
    });
    const run = await h.runFeed(String(feed._id));
    expect(run.counts.inserted).toBe(2);

    const deadline = Date.now() + 5000;
    let shown = before;
    while (Date.now() < deadline && !shown.includes('Site Reliability Engineer')) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      shown = titles((await h.api.get(url).expect(200)).body);
    }
    expect(shown).toEqual(
      expect.arrayContaining(['Quiet Insert', 'Site Reliability Engineer', 'Backend Engineer']),
    );
  });

  test('without a reachable Redis the API still answers, uncached, so nothing stale is served', async () => {
    const unreachable = createRedis('redis://127.0.0.1:1', 'producer');
    unreachable.on('error', () => undefined);
    try {
      const api = supertest(
        createHttpListener({
          db: h.db,
          logger: createLogger(h.config),
          redis: unreachable,
          config: h.config,
          queues: h.queues,
        }),
      );
      const url = '/api/v1/jobs/recent?q=offline';
      expect(titles((await api.get(url).expect(200)).body)).toEqual([]);
      await seedPostings(h.db, feedId, [
        preparedPosting('p4', { title: 'Offline Editor', postedAt: hoursAgo(1) }),
      ]);
      const res = await api.get(url).expect(200);
      expect(titles(res.body)).toEqual(['Offline Editor']);
      expect(res.headers.etag).toBeDefined();
    } finally {
      unreachable.disconnect();
    }
  });
});
