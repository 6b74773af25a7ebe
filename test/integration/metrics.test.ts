import { startMetricsServer, type MetricsServer } from '../../src/metrics/metrics-server';
import { startHarness, type Harness } from '../helpers/harness';
import { sampleValue } from '../helpers/prometheus';

/** The worker's scheduler tick may run at any moment; feeds due later run only when the test runs them. */
const NOT_DUE = new Date(Date.now() + 24 * 3600_000);

const METRICS_TOKEN = 'metrics-token-0123456789';

describe('/metrics after real ingests', () => {
  let h: Harness;
  let workerMetrics: MetricsServer;

  beforeAll(async () => {
    h = await startHarness({
      schedulerTick: true,
      env: { METRICS_TOKEN, FETCH_TIMEOUT_MS: '3000', FEED_FAILING_AFTER: '1' },
    });
    workerMetrics = await startMetricsServer(h.workers!.metrics.registry, {
      port: 0,
      host: '127.0.0.1',
      token: METRICS_TOKEN,
    });

    h.fixtures.serveFile('/ok.xml', 'recent-posts.xml', {
      'content-type': 'application/xml',
      etag: '"v1"',
    });
    h.fixtures.handle('/gone.xml', (_req, res) => void res.writeHead(404).end());
    h.fixtures.handle('/down.xml', (_req, res) => void res.writeHead(503).end());
    h.fixtures.handle('/silent.xml', () => undefined);
    h.fixtures.serveFile('/html', 'error-page.html', { 'content-type': 'text/html' });
    const add = (name: string, url: string) => h.db.feeds.create({ name, url, intervalMinutes: 60 }, NOT_DUE);
    const ok = await add('ok', `${h.fixtures.url}/ok.xml`);
    await h.runFeed(String(ok._id));
    h.fixtures.handle('/ok.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(500).end();
    });
    await h.runFeed(String(ok._id));
    for (const [name, path] of [
      ['gone', '/gone.xml'],
      ['down', '/down.xml'],
      ['silent', '/silent.xml'],
      ['html', '/html'],
    ]) {
      await h.runFeed(String((await add(name!, `${h.fixtures.url}${path!}`))._id));
    }
    await h.runFeed(String((await add('ftp', 'ftp://127.0.0.1/feed.xml'))._id));
    await h.api.get('/api/v1/jobs/recent').expect(200);
    await h.api.get('/api/v1/jobs/recent').expect(200);
    await h.api.get('/api/v1/jobs/0123456789abcdef01234567').expect(404);
  }, 60_000);

  afterAll(async () => {
    await workerMetrics.close();
    await h.close();
  });

  test('without METRICS_TOKEN the API answers 401, with it the metrics', async () => {
    await h.api.get('/metrics').expect(401);
    await h.api.get('/metrics').set('authorization', 'Bearer wrong-token-0123456789').expect(401);
    const res = await h.api.get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  test('the API reports queue jobs, feeds by status, HTTP durations by route and status, and process metrics', async () => {
    const { text } = await h.api.get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`).expect(200);

    expect(sampleValue(text, 'jobfeed_queue_jobs', { queue: 'ingest', state: 'failed' })).toBe(5);
    for (const state of ['waiting', 'active', 'delayed'])
      expect(sampleValue(text, 'jobfeed_queue_jobs', { queue: 'ingest', state })).toBe(0);
    expect(sampleValue(text, 'jobfeed_queue_jobs', { queue: 'scheduler', state: 'delayed' })).toBe(1);
    expect(sampleValue(text, 'jobfeed_feeds', { status: 'active' })).toBe(1);
    expect(sampleValue(text, 'jobfeed_feeds', { status: 'failing' })).toBe(5);
    expect(sampleValue(text, 'jobfeed_feeds', { status: 'paused' })).toBe(0);
    expect(
      sampleValue(text, 'jobfeed_http_request_duration_seconds_count', {
        route: '/api/v1/jobs/recent',
        status: '200',
        method: 'GET',
      }),
    ).toBe(1);
    expect(
      sampleValue(text, 'jobfeed_http_request_duration_seconds_count', {
        route: '(read cache)',
        status: '200',
      }),
    ).toBe(1);
    expect(
      sampleValue(text, 'jobfeed_http_request_duration_seconds_count', {
        route: '/api/v1/jobs/:id',
        status: '404',
      }),
    ).toBe(1);
    expect(sampleValue(text, 'process_cpu_user_seconds_total', { role: 'api' })).toBeGreaterThan(0);
    expect(sampleValue(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  test('the worker reports fetch outcomes by class, postings by result and job durations', async () => {
    const unauthorized = await fetch(workerMetrics.url);
    expect(unauthorized.status).toBe(401);
    const res = await fetch(workerMetrics.url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await res.text();

    const outcome = (name: string) => sampleValue(text, 'jobfeed_fetch_outcomes_total', { outcome: name });
    expect(outcome('ok')).toBe(2);
    expect(outcome('not_modified')).toBe(1);
    expect(outcome('4xx')).toBe(1);
    expect(outcome('5xx')).toBe(2);
    expect(outcome('timeout')).toBe(2);
    expect(outcome('refused')).toBe(1);
    const postings = (result: string) => sampleValue(text, 'jobfeed_postings_total', { result });
    expect(postings('inserted')).toBe(5);
    expect([postings('updated'), postings('unchanged'), postings('expired'), postings('rejected')]).toEqual([
      0, 0, 0, 0,
    ]);
    const jobs = (outcome: string) =>
      sampleValue(text, 'jobfeed_job_duration_seconds_count', { queue: 'ingest', outcome });
    expect(jobs('completed')).toBe(2);
    // 404 once, 503 twice, timeout twice, an HTML page once, ftp: once.
    expect(jobs('failed')).toBe(1 + 2 + 2 + 1 + 1);
    expect(
      sampleValue(text, 'jobfeed_job_duration_seconds_sum', { queue: 'ingest', outcome: 'completed' }),
    ).toBeGreaterThan(0);
    expect(sampleValue(text, 'process_cpu_user_seconds_total', { role: 'worker' })).toBeGreaterThan(0);
  });
});

describe('/metrics: expired postings', () => {
  let h: Harness;

  beforeAll(async () => {
    // The feed shrinks to 2 postings of 7 active: a share the default (0.5) would hold back expiry for.
    h = await startHarness({ env: { EXPIRY_MIN_SHARE: '0.25' } });
  });
  afterAll(async () => {
    await h.close();
  });

  test('postings missing from two full fetches in a row are counted as expired', async () => {
    h.fixtures.serveFile('/changing.xml', 'recent-posts.xml');
    const feed = await h.db.feeds.create(
      {
        name: 'changing',
        url: `${h.fixtures.url}/changing.xml`,
        intervalMinutes: 60,
      },
      NOT_DUE,
    );
    await h.runFeed(String(feed._id));
    h.fixtures.serveFile('/changing.xml', 'jobs.rss');
    await h.runFeed(String(feed._id));
    await h.runFeed(String(feed._id));

    const text = await h.workers!.metrics.registry.metrics();
    const expired = await h.db.connection
      .collection('postings')
      .countDocuments({ feedId: feed._id, status: 'expired' });
    expect(expired).toBe(5);
    expect(sampleValue(text, 'jobfeed_postings_total', { result: 'expired' })).toBe(expired);
    expect(sampleValue(text, 'jobfeed_postings_total', { result: 'inserted' })).toBe(5 + 2);
  });
});
