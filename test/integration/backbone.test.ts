import { Types } from 'mongoose';
import { startHarness, type Harness } from '../helpers/harness';

// Each test polls its feeds itself; feeds not yet due keep the scheduler's minute tick from polling them too.
const TOMORROW = new Date(Date.now() + 86_400_000);

describe('backbone: partner feed -> worker -> MongoDB -> recent jobs API', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  async function addFeed(path: string, file: string) {
    h.fixtures.serveFile(path, file);
    return h.db.feeds.create({ name: file, url: `${h.fixtures.url}${path}`, intervalMinutes: 60 }, TOMORROW);
  }

  test('the six "Recent Posts" become five clean postings with the company as a field', async () => {
    const feed = await addFeed('/recent-posts.xml', 'recent-posts.xml');

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'succeeded', format: 'indeed-xml' });
    expect(run.counts).toEqual({ seen: 6, inserted: 5, updated: 0, unchanged: 0, rejected: 0 });
    const res = await h.api.get('/api/v1/jobs/recent?limit=10&company=Han%20Staffing').expect(200);
    expect(res.body.jobs.map((j: { title: string }) => j.title)).toEqual([
      'Java Developer',
      'Salesforce Developer',
    ]);
    const salesforce = res.body.jobs[1];
    expect(salesforce).toEqual({
      id: expect.stringMatching(/^[a-f\d]{24}$/),
      title: 'Salesforce Developer',
      company: 'Han Staffing',
      snippet:
        'Our client is looking for a Salesforce developer to build Apex classes and Lightning components.',
      url: 'https://jobs.example.com/HS-1001?ref=7',
      postedAt: '2024-11-04T15:00:00.000Z',
      age: expect.stringMatching(/^2 years ago$/),
      remote: false,
      workplace: null,
      place: { city: 'Dallas', region: 'TX', country: 'US' },
      category: 'engineering',
      seniority: null,
      matched: [],
    });
    const leidos = (await h.api.get('/api/v1/jobs/recent?company=leidos').expect(200)).body.jobs;
    expect(leidos).toHaveLength(1);
    expect(leidos[0].snippet).toBe(
      'The Leidos Decision Advantage team builds React front ends and Java services.',
    );
  });

  test('a second run of the same feed inserts and updates nothing', async () => {
    const feed = await addFeed('/again.xml', 'recent-posts.xml');
    await h.runFeed(String(feed._id));
    const before = await h.db.postings.listForFeed(feed._id);

    const second = await h.runFeed(String(feed._id));

    expect(second.counts).toEqual({ seen: 6, inserted: 0, updated: 0, unchanged: 5, rejected: 0 });
    const after = await h.db.postings.listForFeed(feed._id);
    expect(after.map(({ lastSeenAt: _l, ...p }) => p)).toEqual(before.map(({ lastSeenAt: _l, ...p }) => p));
  });

  test('re-running the same job id after it completed changes nothing', async () => {
    const feed = await addFeed('/same-job.rss', 'jobs.rss');
    const first = await h.runFeed(String(feed._id), 'same-job-id');
    const postings = await h.db.postings.listForFeed(feed._id);

    const again = await h.runFeed(String(feed._id), 'same-job-id');

    expect(String(again._id)).toBe(String(first._id));
    expect(await h.db.postings.listForFeed(feed._id)).toEqual(postings);
  });

  test('RSS and Indeed-style XML feeds are read, with relative links resolved and bad items rejected', async () => {
    const rss = await addFeed('/jobs.rss', 'jobs.rss');
    const indeed = await addFeed('/indeed.xml', 'indeed-jobs.xml');

    const [rssRun, indeedRun] = await Promise.all([
      h.runFeed(String(rss._id)),
      h.runFeed(String(indeed._id)),
    ]);

    expect(rssRun.counts).toMatchObject({ seen: 2, inserted: 2, rejected: 0 });
    expect(indeedRun.counts).toMatchObject({ seen: 5, inserted: 3, rejected: 1 });
    expect(indeedRun.rejectedSamples[0]!.reason).toMatch(/javascript:alert/);
    const acme = await h.db.postings.listForFeed(indeed._id);
    expect(acme.map((p) => [p.externalId, p.url])).toEqual([
      ['ACME-1', `${h.fixtures.url}/jobs/acme-1`],
      ['ACME-2', 'https://acme.example.com/jobs/acme-2'],
      ['ACME-4', 'https://acme.example.com/jobs/acme-4'],
    ]);
    expect(acme[2]!.snippet).toBe('Later version of this posting: the later one wins.');
    // One "Company: Title" of two titles is no pattern: the title stays as the feed wrote it.
    const ledger = (await h.api.get('/api/v1/jobs/recent?q=journalist').expect(200)).body.jobs;
    expect(ledger).toEqual([
      expect.objectContaining({ title: 'The Daily Ledger: Data Journalist', company: null }),
    ]);
  });

  test('a feed that starts answering 500 records the failure and keeps its earlier postings', async () => {
    const feed = await addFeed('/flaky.xml', 'recent-posts.xml');
    await h.runFeed(String(feed._id));
    h.fixtures.handle('/flaky.xml', (_req, res) => void res.writeHead(500).end('database down'));

    const failed = await h.runFeed(String(feed._id));

    expect(failed.status).toBe('failed');
    expect(failed.attempts).toBe(2);
    expect(failed.error).toMatch(/HTTP 500/);
    const stored = await h.db.feeds.findById(feed._id);
    expect(stored).toMatchObject({
      status: 'active', // failing only after FEED_FAILING_AFTER polls in a row
      consecutiveFailures: 1,
      lastError: expect.stringMatching(/HTTP 500/),
    });
    expect(await h.db.postings.countActive(feed._id)).toBe(5);
  });

  test('a body that is not a job feed fails the run at once with the reason', async () => {
    h.fixtures.serveFile('/error.html', 'error-page.html', { 'content-type': 'text/html' });
    const feed = await h.db.feeds.create(
      {
        name: 'html',
        url: `${h.fixtures.url}/error.html`,
        intervalMinutes: 60,
      },
      TOMORROW,
    );

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'Not a job feed: an HTML page ("502 Bad Gateway"), not a feed',
    });
    expect(await h.db.feeds.findById(feed._id)).toMatchObject({ status: 'failing' });
  });

  test('a job for a deleted feed is skipped and records no run', async () => {
    const missing = String(new Types.ObjectId());

    const { jobId, result } = await h.runJob(missing);

    expect(result).toEqual({ status: 'skipped', reason: 'the feed was deleted' });
    expect(await h.db.feedRuns.findByJobId(jobId)).toBeNull();
  });
});
