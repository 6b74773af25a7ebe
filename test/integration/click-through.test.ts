import { Types } from 'mongoose';
import { startHarness, type Harness } from '../helpers/harness';
import { eventCounts, PERSON as BROWSER, rollUp } from '../helpers/events';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { sampleValue } from '../helpers/prometheus';
import { addPublisher } from '../helpers/publishers';

const NEWS = 'https://news.example';

describe('GET /r/:id counts a click and redirects to the posting', () => {
  let h: Harness;
  const feedId = new Types.ObjectId();
  let id: string;
  let placement: string;
  let visitor = 0;
  const person = () => ({ 'user-agent': BROWSER, 'x-forwarded-for': `198.51.100.${++visitor}` });

  beforeAll(async () => {
    h = await startHarness({ workers: false });
    await seedPostings(h.db, feedId, [
      preparedPosting('c1', { url: 'https://jobs.example.com/c1?ref=x&y=1' }),
    ]);
    id = (await h.api.get('/api/v1/jobs/recent').expect(200)).body.jobs[0].id;
    const publisher = await addPublisher(h.db);
    placement = (
      await h.api
        .post('/api/v1/placements')
        .set(publisher.auth)
        .send({ name: 'Sidebar', allowedOrigins: [NEWS], filters: {} })
        .expect(201)
    ).body.placement.id;
  });
  afterAll(async () => {
    await h.close();
  });

  /** The clicks rolled into MongoDB so far, of every placement and ranking. */
  const countToday = async () => {
    await rollUp({ db: h.db, redis: h.redis, prefix: h.config.queuePrefix });
    return (await eventCounts(h.db, { feedId })).reduce((sum, count) => sum + count.clicks, 0);
  };
  const rejected = async (reason: string) =>
    sampleValue((await h.api.get('/metrics').expect(200)).text, 'jobfeed_events_rejected_total', {
      kind: 'click',
      reason,
    }) ?? NaN;

  test('a feed reader’s click is a 302 to the posting url, counted once per visitor and day, not cached', async () => {
    const reader = person();
    const res = await h.api.get(`/r/${id}`).set(reader).expect(302);
    expect(res.headers.location).toBe('https://jobs.example.com/c1?ref=x&y=1');
    expect(res.headers['cache-control']).toBe('no-store');
    await h.api.get(`/r/${id}`).set(reader).expect(302);
    await Promise.all([1, 2, 3].map(() => h.api.get(`/r/${id}`).set(reader).expect(302)));
    expect(await countToday()).toBe(1);
    await h.api.get(`/r/${id}`).set(person()).expect(302);
    expect(await countToday()).toBe(2);
    const [click] = await eventCounts(h.db, { feedId, placementId: null });
    expect(click).toMatchObject({
      day: new Date().toISOString().slice(0, 10),
      clicks: 2,
      ranking: 'recency',
    });
  });

  test('a widget click after the list was seen long enough counts for its placement and ranking', async () => {
    const page = { ...person(), referer: `${NEWS}/article` };
    await h.api.get(`/r/${id}?p=${placement}&ranking=context&dwell=4200`).set(page).expect(302);
    await countToday();
    const [click] = await eventCounts(h.db, { placementId: new Types.ObjectId(placement) });
    expect(click).toMatchObject({ ranking: 'context', clicks: 1, impressions: 0, feedId });
  });

  test.each([
    ['a click sooner than a person clicks', 'dwell=120', 'too_fast'],
    ['a click without dwell', '', 'too_fast'],
    ['a dwell that is no number', 'dwell=soon', 'too_fast'],
    ['a ranking that does not exist', 'dwell=5000&ranking=magic', 'unknown'],
  ])('%s still redirects but is not counted (%s)', async (_, extra, reason) => {
    const before = { count: await countToday(), rejected: await rejected(reason) };
    const page = { ...person(), referer: `${NEWS}/article` };
    const res = await h.api.get(`/r/${id}?p=${placement}&${extra}`).set(page).expect(302);
    expect(res.headers.location).toBe('https://jobs.example.com/c1?ref=x&y=1');
    expect(await countToday()).toBe(before.count);
    expect(await rejected(reason)).toBe(before.rejected + 1);
  });

  test.each([
    ['a malformed placement', 'p=%24ne&dwell=5000', NEWS, 'unknown'],
    ['an unknown placement', `p=${new Types.ObjectId()}&dwell=5000`, NEWS, 'unknown'],
    ['a page the placement does not allow', 'dwell=5000', 'https://copycat.example', 'foreign'],
  ])('%s still redirects but is not counted', async (_, query, origin, reason) => {
    const before = { count: await countToday(), rejected: await rejected(reason) };
    const withPlacement = query.startsWith('p=') ? query : `p=${placement}&${query}`;
    await h.api
      .get(`/r/${id}?${withPlacement}`)
      .set({ ...person(), referer: `${origin}/article` })
      .expect(302);
    expect(await countToday()).toBe(before.count);
    expect(await rejected(reason)).toBe(before.rejected + 1);
  });

  test.each([
    ['HEAD', BROWSER, {}],
    ['GET', BROWSER.replace('Chrome/', 'HeadlessChrome/'), {}],
    ['GET', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', {}],
    ['GET', 'facebookexternalhit/1.1', {}],
    ['GET', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', {}],
    ['GET', 'curl/8.5.0', {}],
    ['GET', BROWSER, { 'sec-purpose': 'prefetch;prerender' }],
    ['GET', BROWSER, { purpose: 'prefetch' }],
  ])('%s by %s %j redirects without counting', async (method, agent, headers) => {
    const before = await countToday();
    const request = method === 'HEAD' ? h.api.head(`/r/${id}`) : h.api.get(`/r/${id}`);
    const res = await request.set(person()).set('user-agent', agent).set(headers).expect(302);
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
