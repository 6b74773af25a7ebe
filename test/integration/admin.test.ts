import { Writable } from 'node:stream';
import pino from 'pino';
import supertest from 'supertest';
import { createApp } from '../../src/api/app';
import { startHarness, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait-for';

/** The worker's scheduler tick may run at any moment; feeds due later run only when the test runs them. */
const NOT_DUE = new Date(Date.now() + 24 * 3600_000);

const TOKEN = 'operator-token-0123456789';
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('operator pages: /admin and /admin/queues', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ env: { ADMIN_TOKEN: TOKEN, FEED_FAILING_AFTER: '1' } });
  });
  afterAll(async () => {
    await h.close();
  });

  describe('admin auth', () => {
    test.each(['/admin', '/admin/queues', '/admin/feeds/0123456789abcdef01234567'])(
      'without a token %s answers 401 with a Basic challenge',
      async (path) => {
        const res = await h.api.get(path).expect(401);
        expect(res.headers['www-authenticate']).toMatch(/^Basic realm="jobfeed admin"/);
        expect(res.body).toEqual({
          error: { code: 'unauthorized', message: 'An operator token is required' },
        });
      },
    );

    test.each([
      ['a wrong bearer token', `Bearer ${TOKEN}x`],
      ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
      ['a wrong Basic password', basic('operator', 'not-the-token-at-all')],
      ['the token as Basic user name', basic(TOKEN, '')],
      ['another scheme', `Token ${TOKEN}`],
    ])('%s answers 401', async (_name, authorization) => {
      const res = await h.api.get('/admin').set('authorization', authorization).expect(401);
      expect(res.body.error).toEqual({ code: 'unauthorized', message: 'The token is not valid' });
    });

    test('the right token works as a bearer token and as a Basic password with any user name', async () => {
      await h.api.get('/admin').set('authorization', `Bearer ${TOKEN}`).expect(200);
      const res = await h.api.get('/admin').set('authorization', basic('anyone', TOKEN)).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    });

    test('without ADMIN_TOKEN the admin routes do not exist, and the API says so once at start', async () => {
      const lines: string[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(...chunk.toString().trim().split('\n'));
          done();
        },
      });
      const app = createApp({
        db: h.db,
        logger: pino({ level: 'info' }, sink),
        config: { ...h.config, adminToken: undefined },
        redis: h.redis,
        queues: h.queues,
      });
      const api = supertest(app);
      for (const path of ['/admin', '/admin/queues', '/admin/queues/api/queues']) {
        const res = await api.get(path).set('authorization', `Bearer ${TOKEN}`).expect(404);
        expect(res.body.error.code).toBe('not_found');
      }
      const notices = lines.map((line) => JSON.parse(line).msg).filter((msg) => /ADMIN_TOKEN/.test(msg));
      expect(notices).toEqual(['ADMIN_TOKEN is not set: /admin and /admin/queues are off']);
    });
  });

  describe('feed health page', () => {
    const auth = { authorization: `Bearer ${TOKEN}` };

    test('lists every feed with its health, failing feeds first, everything escaped, each linking to its runs', async () => {
      h.fixtures.serveFile('/good.xml', 'recent-posts.xml');
      h.fixtures.handle('/broken.xml', (_req, res) => void res.writeHead(500).end('<b>down</b>'));
      const good = await h.db.feeds.create(
        {
          name: 'Good <b>feed</b>',
          url: `${h.fixtures.url}/good.xml`,
          intervalMinutes: 60,
        },
        NOT_DUE,
      );
      const broken = await h.db.feeds.create(
        {
          name: '<script>alert("x")</script>',
          url: `${h.fixtures.url}/broken.xml?a=1&b=<2>`,
          intervalMinutes: 60,
        },
        NOT_DUE,
      );
      const recruiterId = new (await import('mongoose')).Types.ObjectId();
      await h.db.connection.collection('recruiters').insertOne({ _id: recruiterId, name: 'Han & Sons' });
      const owned = await h.db.feeds.create(
        {
          name: 'Recruiter feed',
          url: `${h.fixtures.url}/owned.xml`,
          intervalMinutes: 30,
          recruiterId,
        },
        NOT_DUE,
      );
      const paused = await h.db.feeds.create(
        {
          name: 'Paused feed',
          url: 'https://p.example/f',
          intervalMinutes: 60,
        },
        NOT_DUE,
      );
      await h.db.feeds.updateOwned(String(paused._id), 'all', { paused: true });
      await h.runFeed(String(good._id));
      await h.runFeed(String(broken._id));

      const res = await h.api.get('/admin').set(auth).expect(200);

      const rows = [...res.text.matchAll(/<tr data-feed-id="([a-f\d]{24})" data-status="(\w+)">/g)];
      expect(rows.map(([, id, status]) => [id, status])).toEqual([
        [String(broken._id), 'failing'],
        [String(good._id), 'active'],
        [String(owned._id), 'active'],
        [String(paused._id), 'paused'],
      ]);
      expect(res.text).not.toContain('<script>');
      expect(res.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(res.text).toContain('Good &lt;b&gt;feed&lt;/b&gt;');
      expect(res.text).toContain('broken.xml?a=1&amp;b=&lt;2&gt;');
      expect(res.text).toContain(`<a href="/admin/feeds/${String(broken._id)}">`);
      expect(res.text).toContain('Han &amp; Sons');
      expect(res.text).toContain(String(recruiterId));
      const goodRow = rowOf(res.text, String(good._id));
      expect(goodRow).toContain('<td data-label="Active postings">5</td>');
      expect(goodRow).toContain('seen 6, inserted 5, updated 0, unchanged 0, rejected 0');
      const brokenRow = rowOf(res.text, String(broken._id));
      expect(brokenRow).toMatch(/<td data-label="Last error" class="error">[^<]*answered HTTP 500<\/td>/);
      expect(brokenRow).toContain('<td data-label="Failures">1</td>');
    });

    test('sorts by name on request and refuses an unknown sort naming the field', async () => {
      const res = await h.api.get('/admin?sort=name').set(auth).expect(200);
      const names = [...res.text.matchAll(/<a href="\/admin\/feeds\/[a-f\d]{24}">([^<]*)<\/a>/g)].map(
        (m) => m[1]!,
      );
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
      expect(names.length).toBeGreaterThanOrEqual(4);

      const bad = await h.api.get('/admin?sort=owner').set(auth).expect(400);
      expect(bad.body.error.fields).toEqual([
        { field: 'sort', message: 'must be one of status, name, failures, lastSuccess, postings' },
      ]);
      await h.api.get('/admin?sort[$ne]=x').set(auth).expect(400);
    });

    test("a feed's page shows its recent runs with counts and errors; unknown feeds are 404", async () => {
      const feeds = await h.db.feeds.list();
      const broken = feeds.find((feed) => feed.status === 'failing')!;

      const res = await h.api
        .get(`/admin/feeds/${String(broken._id)}`)
        .set(auth)
        .expect(200);

      expect(res.text).toContain('<td data-label="Status" class="status failed">failed</td>');
      expect(res.text).toContain('<td data-label="Attempts">2</td>');
      expect(res.text).toMatch(/answered HTTP 500/);
      await h.api.get('/admin/feeds/0123456789abcdef01234567').set(auth).expect(404);
      const bad = await h.api.get('/admin/feeds/nope').set(auth).expect(400);
      expect(bad.body.error.fields).toEqual([expect.objectContaining({ field: 'id' })]);
    });
  });

  describe('queue dashboard', () => {
    const auth = { authorization: `Bearer ${TOKEN}` };

    test('shows both queues and retries failed jobs from the dashboard', async () => {
      await h.api.get('/admin/queues').set(auth).expect(200).expect('content-type', /html/);
      const listed = await h.api.get('/admin/queues/api/queues').set(auth).expect(200);
      expect(listed.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
        'ingest',
        'rollup',
        'scheduler',
      ]);

      const failedBefore = await h.queues.ingest.getFailedCount();
      expect(failedBefore).toBeGreaterThan(0);
      await h.api
        .put('/admin/queues/api/queues/ingest/retry/failed')
        .set(auth)
        .set('origin', 'https://evil.example')
        .expect(403);
      expect(await h.queues.ingest.getFailedCount()).toBe(failedBefore);
      const fetchesBefore = h.fixtures.requests('/broken.xml');
      await h.api.put('/admin/queues/api/queues/ingest/retry/failed').set(auth).expect(200);
      await waitFor(
        () => h.fixtures.requests('/broken.xml') > fetchesBefore,
        'the failed job to fetch again',
        10_000,
      );
    });
  });
});

function rowOf(page: string, feedId: string): string {
  const start = page.indexOf(`<tr data-feed-id="${feedId}"`);
  return page.slice(start, page.indexOf('</tr>', start));
}
