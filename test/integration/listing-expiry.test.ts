import { Types } from 'mongoose';
import { rssFeed, type GeneratedItem } from '../helpers/generated-feed';
import { startHarness, type Harness } from '../helpers/harness';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { addRecruiter } from '../helpers/recruiters';

const DAY = 86_400_000;
const ADMIN_TOKEN = 'operator-token-0123456789';

describe('keeping the listing true', () => {
  let h: Harness;

  beforeAll(async () => {
    // Reads follow each poll at once: no read cache, which would serve the listing for up to its max-age.
    h = await startHarness({ env: { MAX_POSTING_AGE_DAYS: '60', CACHE_MAX_AGE_SECONDS: '0', ADMIN_TOKEN } });
  });
  afterAll(async () => {
    await h.close();
  });

  /**
   * A partner feed whose items (and whether it answers 304) the test sets before each poll; `body`, when set,
   * is served instead of the items' feed.
   */
  function partnerFeed(path: string) {
    const state = { items: [] as GeneratedItem[], notModified: false, body: undefined as string | undefined };
    h.fixtures.handle(path, (req, res) => {
      if (state.notModified && req.headers['if-none-match']) return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: `"${Date.now()}"` });
      res.end(state.body ?? rssFeed(state.items));
    });
    return state;
  }

  async function feedAt(path: string) {
    return h.db.feeds.create({ name: path, url: `${h.fixtures.url}${path}`, intervalMinutes: 60 });
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
    const poll = async (items: GeneratedItem[], status = 'succeeded') => {
      partner.items = items;
      expect(await h.runFeed(String(feed._id))).toMatchObject({ status });
    };

    await poll([a, b, c]);
    await poll([a, b]);
    expect(await statuses(feed._id)).toEqual({ 'tm-a': 'active', 'tm-b': 'active', 'tm-c': 'active' });
    expect(await recentTitles('twomiss')).toEqual(['Twomiss Alpha', 'Twomiss Beta', 'Twomiss Gamma']);

    await poll([a, b], 'unchanged');
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
    expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'unchanged' });
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

  describe('expiry waits for a complete read', () => {
    const five = (prefix: string) =>
      [1, 2, 3, 4, 5].map((n) => ({ id: `${prefix}-${n}`, postedAt: recent(n) }));
    const allActive = (prefix: string) =>
      Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`${prefix}-${n}`, 'active']));

    test('a document cut short expires nothing, says so on the run, and a complete read expires again', async () => {
      const partner = partnerFeed('/cut-short.rss');
      const items = five('cs');
      partner.items = items;
      const recruiter = await addRecruiter(h.db);
      const feed = await h.db.feeds.create({
        name: 'cut short',
        url: `${h.fixtures.url}/cut-short.rss`,
        intervalMinutes: 60,
        recruiterId: new Types.ObjectId(recruiter.id),
      });
      expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'succeeded', expirySkipped: null });

      const whole = rssFeed(items);
      partner.body = whole.slice(0, whole.indexOf('<item>', whole.indexOf('</item>')) + 40);
      for (const poll of [1, 2]) {
        const run = await h.runFeed(String(feed._id), `cut-short-${poll}`);
        expect(run).toMatchObject({ status: 'succeeded', expirySkipped: 'the document was cut short' });
        expect(run.counts).toMatchObject({ seen: 1, unchanged: 1 });
        expect(run.warnings).toEqual(['the document ends before its closing tags: it was cut short']);
      }
      expect(await statuses(feed._id)).toEqual(allActive('cs'));
      const { body } = await h.api
        .get(`/api/v1/feeds/${String(feed._id)}`)
        .set(recruiter.auth)
        .expect(200);
      expect(body.runs.map((run: { expirySkipped: string | null }) => run.expirySkipped)).toEqual([
        'the document was cut short',
        'the document was cut short',
        null,
      ]);
      const page = await h.api
        .get(`/admin/feeds/${String(feed._id)}`)
        .set('authorization', `Bearer ${ADMIN_TOKEN}`)
        .expect(200);
      expect(page.text).toContain('Nothing expired: the document was cut short');

      partner.body = undefined;
      partner.items = items.slice(0, 4);
      await h.runFeed(String(feed._id));
      await h.runFeed(String(feed._id));
      expect(await statuses(feed._id)).toEqual({ ...allActive('cs'), 'cs-5': 'expired' });
    });

    test('a read whose items were all rejected fails at once, naming why, and keeps the postings', async () => {
      const partner = partnerFeed('/all-rejected.rss');
      partner.items = five('ar');
      const feed = await feedAt('/all-rejected.rss');
      await h.runFeed(String(feed._id));

      const noUrl = (n: number) =>
        `<item><title>No Link ${n}</title><description>Apply somehow.</description></item>`;
      partner.body = `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>${[1, 2, 3, 4, 5].map(noUrl).join('')}</channel></rss>`;
      for (const poll of [1, 2]) {
        const run = await h.runFeed(String(feed._id), `all-rejected-${poll}`);
        expect(run).toMatchObject({
          status: 'failed',
          attempts: 1,
          error: 'all 5 items were rejected: 5 no url',
        });
        expect(run.counts).toMatchObject({ seen: 5, rejected: 5 });
        expect(run.rejectedSamples).toHaveLength(5);
      }
      expect(await statuses(feed._id)).toEqual(allActive('ar'));
      expect(await h.db.feeds.findById(feed._id)).toMatchObject({
        status: 'failing',
        lastError: 'all 5 items were rejected: 5 no url',
      });
    });

    test('a poll carrying fewer than EXPIRY_MIN_SHARE of the active postings expires nothing', async () => {
      const partner = partnerFeed('/few.rss');
      const items = [...five('few'), { id: 'few-6', postedAt: recent(6) }];
      partner.items = items;
      const feed = await feedAt('/few.rss');
      await h.runFeed(String(feed._id));

      partner.items = items.slice(0, 2);
      for (const poll of [1, 2]) {
        const run = await h.runFeed(String(feed._id), `few-${poll}`);
        expect(run).toMatchObject({
          status: 'succeeded',
          expirySkipped: 'only 2 valid postings of 6 active: fewer than EXPIRY_MIN_SHARE (50%)',
        });
      }
      expect(Object.values(await statuses(feed._id))).toEqual(Array(6).fill('active'));

      partner.items = items.slice(0, 3);
      expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'succeeded', expirySkipped: null });
      await h.runFeed(String(feed._id));
      expect(await statuses(feed._id)).toMatchObject({
        'few-4': 'expired',
        'few-5': 'expired',
        'few-6': 'expired',
      });
    });
  });

  describe('one posting per job', () => {
    async function recentUrls(q: string) {
      const res = await h.api.get(`/api/v1/jobs/recent?limit=50&q=${q}`).expect(200);
      return (res.body.jobs as { url: string }[]).map((j) => j.url);
    }

    test("the operator's feeds are one owner: their look-alikes show once, as the posting seen first", async () => {
      const first = partnerFeed('/operator-first.rss');
      first.items = [{ id: 'op-first', title: 'Operator Twin', postedAt: recent(5) }];
      const later = partnerFeed('/operator-later.rss');
      later.items = [{ id: 'op-later', title: 'Operator Twin', postedAt: recent(1) }];
      const recruiter = await addRecruiter(h.db);
      const owned = partnerFeed('/owned-twin.rss');
      owned.items = [{ id: 'owned-twin', title: 'Operator Twin', postedAt: recent(2) }];

      await h.runFeed(String((await feedAt('/operator-first.rss'))._id));
      await h.runFeed(String((await feedAt('/operator-later.rss'))._id));
      const ownedFeed = await h.db.feeds.create({
        name: 'owned',
        url: `${h.fixtures.url}/owned-twin.rss`,
        intervalMinutes: 60,
        recruiterId: new Types.ObjectId(recruiter.id),
      });
      await h.runFeed(String(ownedFeed._id));

      expect(await recentUrls('operator%20twin')).toEqual([
        'https://jobs.example.com/owned-twin',
        'https://jobs.example.com/op-first',
      ]);
    });

    test('a posting stored before owners were recorded gets its feed owner at the next poll', async () => {
      const partner = partnerFeed('/before-owners.rss');
      partner.items = [{ id: 'bo-1', title: 'Ownerless Row', postedAt: recent(1) }];
      const recruiter = await addRecruiter(h.db);
      const feed = await h.db.feeds.create({
        name: 'before owners',
        url: `${h.fixtures.url}/before-owners.rss`,
        intervalMinutes: 60,
        recruiterId: new Types.ObjectId(recruiter.id),
      });
      await h.runFeed(String(feed._id));
      await h.db.connection
        .collection('postings')
        .updateMany({ feedId: feed._id }, { $unset: { ownerId: 1 } });
      // Feeds of that time had no body digests either, so their next poll reads their postings.
      await h.db.connection.collection('feeds').updateOne({ _id: feed._id }, { $unset: { bodyDigests: 1 } });
      expect((await h.db.postings.listForFeed(feed._id))[0]).not.toHaveProperty('ownerId');

      expect((await h.runFeed(String(feed._id))).counts).toMatchObject({ unchanged: 1, updated: 0 });
      expect((await h.db.postings.listForFeed(feed._id))[0]!.ownerId).toEqual(
        new Types.ObjectId(recruiter.id),
      );
    });

    test('a job is listed as its posting seen first, though a later look-alike is newer than the other jobs', async () => {
      const look = (id: string, days: number) =>
        preparedPosting(id, { title: 'Deep Twin', snippet: 'Windowcheck.', postedAt: recent(days) });
      const others = [2, 3, 4, 5, 6].map((days) =>
        preparedPosting(`wc-${days}`, {
          title: `Other ${days}`,
          snippet: 'Windowcheck.',
          postedAt: recent(days),
        }),
      );
      await seedPostings(h.db, new Types.ObjectId(), [look('wc-first', 7)], recent(1));
      await seedPostings(h.db, new Types.ObjectId(), [look('wc-later', 1), ...others]);

      // The later look-alike is the newest posting, but the job is listed as wc-first, the oldest.
      const shown = await h.db.postings.listRecent({ limit: 2, q: 'windowcheck' });
      expect(shown.map((p) => p.externalId)).toEqual(['wc-2', 'wc-3']);
      const all = await h.db.postings.listRecent({ limit: 10, q: 'windowcheck' });
      expect(all.map((p) => p.externalId)).toEqual(['wc-2', 'wc-3', 'wc-4', 'wc-5', 'wc-6', 'wc-first']);
    });
  });
});
