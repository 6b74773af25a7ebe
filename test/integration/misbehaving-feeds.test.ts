import { readFile } from 'node:fs/promises';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { FIXTURE_FEEDS, startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { startHarness, type Harness } from '../helpers/harness';

const MAX_BYTES = 1024 * 1024;
const DEADLINE_MS = 2000;

/** Real HTTP servers on 127.0.0.1 misbehaving as partners do; every case ends in a run with a clear outcome. */
describe('fetching from misbehaving partner servers', () => {
  let h: Harness;
  let rss: Buffer;

  beforeAll(async () => {
    h = await startHarness({
      env: {
        FETCH_TIMEOUT_MS: '1000',
        FETCH_DEADLINE_MS: String(DEADLINE_MS),
        FETCH_MAX_BYTES: String(MAX_BYTES),
        INGEST_ATTEMPTS: '2',
        INGEST_BACKOFF_MS: '20',
      },
    });
    rss = await readFile(join(FIXTURE_FEEDS, 'jobs.rss'));
  });
  afterAll(async () => {
    await h.close();
  });

  async function feedAt(path: string) {
    return h.db.feeds.create({ name: path, url: `${h.fixtures.url}${path}`, intervalMinutes: 60 });
  }

  function dripForever(res: ServerResponse, first: string, every: number, next: () => string) {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write(first);
    const timer = setInterval(() => res.write(next()), every);
    res.on('close', () => clearInterval(timer));
  }

  test('a slow drip body (a byte before each idle timeout) is cut at the total deadline and retried', async () => {
    h.fixtures.handle('/drip.rss', (_req, res) =>
      dripForever(res, '<rss><channel><item><title>Slow</title><description>', 300, () => 'x'),
    );
    const feed = await feedAt('/drip.rss');

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'failed', attempts: 2 });
    expect(run.error).toBe(`${feed.url}: did not finish within ${DEADLINE_MS} ms (FETCH_DEADLINE_MS)`);
    expect(run.finishedAt!.getTime() - run.startedAt.getTime()).toBeLessThan(DEADLINE_MS + 1500);
  });

  test('an endless body is cut at FETCH_MAX_BYTES and fails at once', async () => {
    const chunk = 'lorem ipsum '.repeat(1000);
    h.fixtures.handle('/endless.rss', (_req, res) =>
      dripForever(res, '<rss><channel><item><title>Endless</title><description>', 1, () => chunk),
    );
    const feed = await feedAt('/endless.rss');

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: `${feed.url}: the feed is larger than the ${MAX_BYTES}-byte limit (FETCH_MAX_BYTES)`,
    });
    expect(await h.db.feeds.findById(feed._id)).toMatchObject({ status: 'failing' });
  });

  test('a redirect loop stops after 5 redirects and fails at once', async () => {
    h.fixtures.handle('/loop-a', (_req, res) => void res.writeHead(302, { location: '/loop-b' }).end());
    h.fixtures.handle('/loop-b', (_req, res) => void res.writeHead(301, { location: '/loop-a' }).end());
    const feed = await feedAt('/loop-a');

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'failed', attempts: 1, error: `${feed.url}: more than 5 redirects` });
    expect(h.fixtures.requests('/loop-a') + h.fixtures.requests('/loop-b')).toBe(6);
  });

  test('up to 5 redirects are followed, and relative links resolve against the final URL', async () => {
    for (let i = 1; i <= 4; i++)
      h.fixtures.handle(
        `/hop-${i}`,
        (_req, res) => void res.writeHead(307, { location: `/hop-${i + 1}` }).end(),
      );
    h.fixtures.handle('/hop-5', (_req, res) => void res.writeHead(308, { location: '/final.rss' }).end());
    h.fixtures.serveFile('/final.rss', 'jobs.rss');
    const feed = await feedAt('/hop-1');

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'succeeded', counts: expect.objectContaining({ inserted: 2 }) });
  });

  test('a gzip bomb is cut at FETCH_MAX_BYTES of decompressed bytes', async () => {
    const head = Buffer.from('<rss><channel><item><title>Bomb</title><description>');
    const bomb = gzipSync(Buffer.concat([head, Buffer.alloc(16 * MAX_BYTES, 0x20)]));
    expect(bomb.byteLength).toBeLessThan(MAX_BYTES / 4);
    h.fixtures.handle('/bomb.rss', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(bomb);
    });
    const feed = await feedAt('/bomb.rss');

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: `${feed.url}: the feed is larger than the ${MAX_BYTES}-byte limit (FETCH_MAX_BYTES)`,
    });
  });

  test.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('a %s-encoded feed is decoded', async (encoding, compress) => {
    let acceptEncoding: string | undefined;
    h.fixtures.handle(`/encoded-${encoding}.rss`, (req, res) => {
      acceptEncoding = req.headers['accept-encoding'];
      res
        .writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': encoding })
        .end(compress(rss));
    });
    const feed = await feedAt(`/encoded-${encoding}.rss`);

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'succeeded', counts: expect.objectContaining({ inserted: 2 }) });
    expect(acceptEncoding).toBe('gzip, deflate, br');
  });

  test('an unknown Content-Encoding fails at once naming it', async () => {
    h.fixtures.handle(
      '/zstd.rss',
      (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'zstd' })
          .end(rss),
    );
    const feed = await feedAt('/zstd.rss');

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: `${feed.url}: unsupported Content-Encoding "zstd"`,
    });
  });

  test('500 then 200: the retry succeeds and the feed stays healthy', async () => {
    let calls = 0;
    h.fixtures.handle('/flaky.rss', (_req, res) => {
      calls++;
      if (calls === 1) res.writeHead(500).end('try later');
      else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
    });
    const feed = await feedAt('/flaky.rss');

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'succeeded', attempts: 2, error: null });
    expect(await h.db.feeds.findById(feed._id)).toMatchObject({ status: 'active', consecutiveFailures: 0 });
  });

  test('429 with Retry-After: the retry waits at least as long as the partner asked', async () => {
    const at: number[] = [];
    h.fixtures.handle('/busy.rss', (_req, res) => {
      at.push(Date.now());
      if (at.length === 1) res.writeHead(429, { 'retry-after': '1' }).end('slow down');
      else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
    });
    const feed = await feedAt('/busy.rss');

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(at).toHaveLength(2);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(1000);
  });

  test('503 with a Retry-After date is honoured the same way', async () => {
    const at: number[] = [];
    h.fixtures.handle('/maintenance.rss', (_req, res) => {
      at.push(Date.now());
      if (at.length === 1)
        res.writeHead(503, { 'retry-after': new Date(Date.now() + 2000).toUTCString() }).end('maintenance');
      else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
    });
    const feed = await feedAt('/maintenance.rss');

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'succeeded', attempts: 2 });
    // An HTTP date has whole seconds: at least one of the two asked for.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(1000);
  });

  test('a connection reset mid-body fails the attempt as a network error, and the retry recovers', async () => {
    let calls = 0;
    h.fixtures.handle('/reset.rss', (req, res) => {
      calls++;
      if (calls > 1) return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(rss.byteLength) });
      res.write(rss.subarray(0, 300), () => setTimeout(() => req.socket.resetAndDestroy(), 50));
    });
    const feed = await feedAt('/reset.rss');

    const { jobId } = await h.runJob(String(feed._id));

    const run = (await h.db.feedRuns.findByJobId(jobId))!;
    expect(run).toMatchObject({ status: 'succeeded', attempts: 2 });
    const job = await h.queues.ingest.getJob(jobId);
    expect((job!.stacktrace ?? []).join('\n')).toMatch(
      /FetchError: .*reset\.rss: (other side closed|read ECONNRESET|terminated)/,
    );
  });

  test('a connection reset on every attempt ends the run failed with the network error', async () => {
    h.fixtures.handle('/always-reset.rss', (req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': '100000' });
      res.write(rss.subarray(0, 300), () => setTimeout(() => req.socket.resetAndDestroy(), 50));
    });
    const feed = await feedAt('/always-reset.rss');

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'failed', attempts: 2 });
    expect(run.error).toMatch(/always-reset\.rss: (other side closed|read ECONNRESET|terminated)/);
  });

  test('a feed served with a wrong content type is still read by its content', async () => {
    h.fixtures.serveFile('/mislabelled.rss', 'jobs.rss', { 'content-type': 'application/octet-stream' });
    const feed = await feedAt('/mislabelled.rss');

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'succeeded', format: 'rss' });
  });

  test('an image where the feed should be fails at once as not a job feed', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    h.fixtures.handle(
      '/logo.png',
      (_req, res) => void res.writeHead(200, { 'content-type': 'image/png' }).end(png),
    );
    const feed = await feedAt('/logo.png');

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'failed', attempts: 1 });
    expect(run.error).toBe('Not a job feed: binary data, not text (served as image/png)');
  });

  test('304 round trip: validators are sent back, and a 304 records a not_modified run and writes nothing else', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const lastModified = 'Fri, 20 Nov 2026 08:00:00 GMT';
    h.fixtures.handle('/conditional.rss', (req, res) => {
      seen.push(req.headers);
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, {
        'content-type': 'application/rss+xml',
        etag: '"v1"',
        'last-modified': lastModified,
      });
      res.end(rss);
    });
    const feed = await feedAt('/conditional.rss');
    await h.runFeed(String(feed._id));
    const postings = await h.db.postings.listForFeed(feed._id);

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'not_modified', error: null });
    expect(run.counts).toEqual({ seen: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 });
    expect(seen[0]!['if-none-match']).toBeUndefined();
    expect(seen[1]).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': lastModified });
    expect(await h.db.postings.listForFeed(feed._id)).toEqual(postings);
    const afterNotModified = await h.db.feeds.findById(feed._id);
    expect(afterNotModified).toMatchObject({
      etag: '"v1"',
      lastModified,
      lastSuccessAt: run.startedAt,
    });
  });

  test('the fetcher names jobfeed and the contact URL in its User-Agent', async () => {
    let userAgent: string | undefined;
    h.fixtures.handle('/ua.rss', (req, res) => {
      userAgent = req.headers['user-agent'];
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
    });
    await h.runFeed(String((await feedAt('/ua.rss'))._id));
    expect(userAgent).toBe('jobfeed/0.1 (+https://github.com/jobfeed/jobfeed)');
  });

  test('a partner that ends its answer in the middle of the document: a succeeded run that expires nothing', async () => {
    h.fixtures.serveFile('/cut.xml', 'truncated.xml');
    const run = await h.runFeed(String((await feedAt('/cut.xml'))._id));
    expect(run).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      counts: expect.objectContaining({ seen: 1, inserted: 1 }),
      expirySkipped: 'the document was cut short',
    });
  });

  test('after all of the above the worker is still running and ingests a good feed', async () => {
    h.fixtures.serveFile('/good.rss', 'jobs.rss');
    const run = await h.runFeed(String((await feedAt('/good.rss'))._id));
    expect(run).toMatchObject({ status: 'succeeded' });
  });
});

describe('with the address guard on', () => {
  let h: Harness;
  let partner: FixtureServer;
  let internal: FixtureServer;

  beforeAll(async () => {
    partner = await startFixtureServer();
    internal = await startFixtureServer();
    internal.serveFile('/admin', 'jobs.rss');
    h = await startHarness({
      env: { FETCH_ALLOW_PRIVATE: 'false', FETCH_TRUSTED_ORIGINS: partner.url, INGEST_ATTEMPTS: '3' },
    });
  });
  afterAll(async () => {
    await h.close();
    await partner.close();
    await internal.close();
  });

  async function redirectTo(path: string, location: string) {
    partner.handle(path, (_req, res) => void res.writeHead(302, { location }).end());
    return h.db.feeds.create({ name: path, url: `${partner.url}${path}`, intervalMinutes: 60 });
  }

  test('the trusted partner origin is fetched', async () => {
    partner.serveFile('/jobs.rss', 'jobs.rss');
    const feed = await h.db.feeds.create({ name: 'ok', url: `${partner.url}/jobs.rss`, intervalMinutes: 60 });
    expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'succeeded' });
  });

  test('a redirect to 127.0.0.1 is refused before connecting, at once, naming the reason', async () => {
    const target = `${internal.url}/admin`;
    const feed = await redirectTo('/to-loopback', target);

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: `${target}: refused: 127.0.0.1 is a loopback address`,
    });
    expect(internal.requests('/admin')).toBe(0);
    expect(await h.db.feeds.findById(feed._id)).toMatchObject({ status: 'failing', lastError: run.error });
  });

  test('a redirect to the cloud metadata address 169.254.169.254 is refused', async () => {
    const target = 'http://169.254.169.254/latest/meta-data/iam/security-credentials/';
    const feed = await redirectTo('/to-metadata', target);

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: `${target}: refused: 169.254.169.254 is a link-local address`,
    });
  });

  test('a redirect to a name that resolves to loopback is refused at connect time', async () => {
    const target = `http://localhost:${new URL(internal.url).port}/admin`;
    const feed = await redirectTo('/to-localhost', target);

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'failed', attempts: 1 });
    expect(run.error).toMatch(
      /^http:\/\/localhost:\d+\/admin: refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address$/,
    );
    expect(internal.requests('/admin')).toBe(0);
  });

  test('a redirect to another scheme is refused', async () => {
    const feed = await redirectTo('/to-file', 'file:///etc/passwd');

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({
      status: 'failed',
      error: 'file:///etc/passwd: refused: only http and https URLs are fetched, not file:',
    });
  });
});
