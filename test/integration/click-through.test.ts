import { Types } from 'mongoose';
import { startHarness, type Harness } from '../helpers/harness';
import { preparedPosting, seedPostings } from '../helpers/postings';

const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

describe('GET /r/:id counts a click and redirects to the posting', () => {
  let h: Harness;
  const feedId = new Types.ObjectId();
  let id: string;

  beforeAll(async () => {
    h = await startHarness({ workers: false });
    await seedPostings(h.db, feedId, [
      preparedPosting('c1', { url: 'https://jobs.example.com/c1?ref=x&y=1' }),
    ]);
    id = (await h.api.get('/api/v1/jobs/recent').expect(200)).body.jobs[0].id;
  });
  afterAll(async () => {
    await h.close();
  });

  const today = () => new Date().toISOString().slice(0, 10);
  const countToday = async () =>
    (await h.db.clicks.listForFeeds([feedId], today())).reduce((sum, click) => sum + click.count, 0);

  test('a person’s click is a 302 to the posting url, counted once per click for the day, not cached', async () => {
    const res = await h.api.get(`/r/${id}`).set('user-agent', BROWSER).expect(302);
    expect(res.headers.location).toBe('https://jobs.example.com/c1?ref=x&y=1');
    expect(res.headers['cache-control']).toBe('no-store');
    await h.api.get(`/r/${id}`).set('user-agent', BROWSER).expect(302);
    await Promise.all([1, 2, 3].map(() => h.api.get(`/r/${id}`).set('user-agent', BROWSER).expect(302)));
    expect(await countToday()).toBe(5);
    const [click] = await h.db.clicks.listForFeeds([feedId], today());
    expect(click).toMatchObject({ day: today(), count: 5, postingId: new Types.ObjectId(id), feedId });
  });

  test.each([
    ['HEAD', BROWSER, {}],
    ['GET', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', {}],
    ['GET', 'facebookexternalhit/1.1', {}],
    ['GET', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', {}],
    ['GET', 'curl/8.5.0', {}],
    ['GET', BROWSER, { 'sec-purpose': 'prefetch;prerender' }],
    ['GET', BROWSER, { purpose: 'prefetch' }],
  ])('%s by %s %j redirects without counting', async (method, agent, headers) => {
    const before = await countToday();
    const request = method === 'HEAD' ? h.api.head(`/r/${id}`) : h.api.get(`/r/${id}`);
    const res = await request.set('user-agent', agent).set(headers).expect(302);
    expect(res.headers.location).toBe('https://jobs.example.com/c1?ref=x&y=1');
    expect(await countToday()).toBe(before);
  });

  test('an unknown or malformed id is a JSON 404 and counts nothing', async () => {
    const before = await countToday();
    await h.api.get(`/r/${new Types.ObjectId()}`).set('user-agent', BROWSER).expect(404);
    const res = await h.api.get('/r/%24ne').set('user-agent', BROWSER).expect(404);
    expect(res.body.error.code).toBe('not_found');
    expect(await countToday()).toBe(before);
  });

  test('an expired posting is a 410 page linking to the listing, escaped, with the usual security headers', async () => {
    const expiredFeed = new Types.ObjectId();
    await seedPostings(h.db, expiredFeed, [
      preparedPosting('gone', {
        title: 'Closed <Role>',
        company: 'A & B',
        url: 'https://partner.example/gone',
      }),
    ]);
    const [posting] = await h.db.postings.listForFeed(expiredFeed);
    await h.db.postings.expireAfterFullFetch(
      new Map([['gone', { ...posting!, missedFetches: 1 }]]),
      new Set(),
      new Date(),
    );
    const before = await countToday();

    const res = await h.api
      .get(`/r/${String(posting!._id)}`)
      .set('user-agent', BROWSER)
      .expect(410);

    expect(res.headers.location).toBeUndefined();
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.text).toContain('Closed &lt;Role&gt; at A &amp; B');
    expect(res.text).not.toContain('partner.example');
    expect(res.text).toContain('<a href="/embed/recent">');
    expect(await countToday()).toBe(before);
  });

  test('a posting past its validThrough is a 410 before the sweep expires it', async () => {
    const lapsedFeed = new Types.ObjectId();
    await seedPostings(h.db, lapsedFeed, [
      preparedPosting('lapsed', {
        validThrough: new Date(Date.now() - 60_000),
        url: 'https://partner.example/l',
      }),
    ]);
    const [posting] = await h.db.postings.listForFeed(lapsedFeed);
    expect(posting!.status).toBe('active');

    await h.api
      .get(`/r/${String(posting!._id)}`)
      .set('user-agent', BROWSER)
      .expect(410);
  });
});
