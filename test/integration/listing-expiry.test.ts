import { rssFeed, type GeneratedItem } from '../helpers/generated-feed';
import { startHarness, type Harness } from '../helpers/harness';

const DAY = 86_400_000;

describe('keeping the listing true', () => {
  let h: Harness;

  beforeAll(async () => {
    // Reads follow each poll at once: no read cache, which would serve the listing for up to its max-age.
    h = await startHarness({ env: { MAX_POSTING_AGE_DAYS: '60', CACHE_MAX_AGE_SECONDS: '0' } });
  });
  afterAll(async () => {
    await h.close();
  });

  /** A partner feed whose items (and whether it answers 304) the test sets before each poll. */
  function partnerFeed(path: string) {
    const state = { items: [] as GeneratedItem[], notModified: false };
    h.fixtures.handle(path, (req, res) => {
      if (state.notModified && req.headers['if-none-match']) return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: `"${Date.now()}"` });
      res.end(rssFeed(state.items));
    });
    return state;
  }

  const recent = (days: number) => new Date(Date.now() - days * DAY);

  async function statuses(feedId: Parameters<Harness['db']['postings']['listForFeed']>[0]) {
    const postings = await h.db.postings.listForFeed(feedId);
    return Object.fromEntries(postings.map((p) => [p.externalId, p.status]));
  }

  async function recentTitles(q: string) {
    const res = await h.api.get(`/api/v1/jobs/recent?limit=50&q=${q}`).expect(200);
    return (res.body.jobs as { title: string }[]).map((j) => j.title).sort();
  }

  test('a posting missing from two successful full fetches in a row is expired, kept, and off the recent list', async () => {
    const partner = partnerFeed('/two-misses.rss');
    const a = { id: 'tm-a', title: 'Twomiss Alpha', postedAt: recent(1) };
    const b = { id: 'tm-b', title: 'Twomiss Beta', postedAt: recent(2) };
    const c = { id: 'tm-c', title: 'Twomiss Gamma', postedAt: recent(3) };
    const feed = await h.db.feeds.create({
      name: 'tm',
      url: `${h.fixtures.url}/two-misses.rss`,
      intervalMinutes: 60,
    });
    const poll = async (items: GeneratedItem[]) => {
      partner.items = items;
      expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'succeeded' });
    };

    await poll([a, b, c]);
    await poll([a, b]);
    expect(await statuses(feed._id)).toEqual({ 'tm-a': 'active', 'tm-b': 'active', 'tm-c': 'active' });
    expect(await recentTitles('twomiss')).toEqual(['Twomiss Alpha', 'Twomiss Beta', 'Twomiss Gamma']);

    await poll([a, b]);
    expect(await statuses(feed._id)).toEqual({ 'tm-a': 'active', 'tm-b': 'active', 'tm-c': 'expired' });
    expect(await recentTitles('twomiss')).toEqual(['Twomiss Alpha', 'Twomiss Beta']);

    await poll([a, b, c]);
    expect(await statuses(feed._id)).toEqual({ 'tm-a': 'active', 'tm-b': 'active', 'tm-c': 'active' });
    expect(await recentTitles('twomiss')).toEqual(['Twomiss Alpha', 'Twomiss Beta', 'Twomiss Gamma']);
  });

  test('a 304 is not a full fetch: it neither expires postings nor counts as a miss', async () => {
    const partner = partnerFeed('/conditional.rss');
    const a = { id: 'nm-a', postedAt: recent(1) };
    const b = { id: 'nm-b', postedAt: recent(1) };
    const feed = await h.db.feeds.create({
      name: 'nm',
      url: `${h.fixtures.url}/conditional.rss`,
      intervalMinutes: 60,
    });

    partner.items = [a, b];
    await h.runFeed(String(feed._id));
    partner.items = [a];
    await h.runFeed(String(feed._id));
    partner.notModified = true;
    expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'not_modified' });
    expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'not_modified' });
    expect(await statuses(feed._id)).toEqual({ 'nm-a': 'active', 'nm-b': 'active' });

    partner.notModified = false;
    expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'succeeded' });
    expect(await statuses(feed._id)).toEqual({ 'nm-a': 'active', 'nm-b': 'expired' });
  });

  test('a posting past its validThrough is expired by the ingest that sees it', async () => {
    const partner = partnerFeed('/valid-through.rss');
    partner.items = [
      { id: 'vt-open', title: 'Validity Open', postedAt: recent(1), expires: new Date(Date.now() + 7 * DAY) },
      { id: 'vt-closed', title: 'Validity Closed', postedAt: recent(5), expires: recent(1) },
    ];
    const feed = await h.db.feeds.create({
      name: 'vt',
      url: `${h.fixtures.url}/valid-through.rss`,
      intervalMinutes: 60,
    });

    await h.runFeed(String(feed._id));

    expect(await statuses(feed._id)).toEqual({ 'vt-open': 'active', 'vt-closed': 'expired' });
    expect(await recentTitles('validity')).toEqual(['Validity Open']);
    const inEightDays = new Date(Date.now() + 8 * DAY);
    expect(await h.db.postings.listRecent({ limit: 10, q: 'validity' }, inEightDays)).toEqual([]);
    expect(await h.db.postings.expirePastValidThrough(inEightDays)).toBeGreaterThanOrEqual(1);
    expect(await statuses(feed._id)).toEqual({ 'vt-open': 'expired', 'vt-closed': 'expired' });
  });

  test('postings older than MAX_POSTING_AGE_DAYS are not shown though the feed still carries them', async () => {
    const partner = partnerFeed('/old.rss');
    partner.items = [
      { id: 'old-59', title: 'Agecheck Recent', postedAt: recent(59) },
      { id: 'old-61', title: 'Agecheck Stale', postedAt: recent(61) },
      { id: 'old-700', title: 'Agecheck Ancient', postedAt: recent(700) },
    ];
    const feed = await h.db.feeds.create({
      name: 'old',
      url: `${h.fixtures.url}/old.rss`,
      intervalMinutes: 60,
    });

    await h.runFeed(String(feed._id));

    expect(await statuses(feed._id)).toEqual({ 'old-59': 'active', 'old-61': 'active', 'old-700': 'active' });
    expect(await recentTitles('agecheck')).toEqual(['Agecheck Recent']);
  });
});
