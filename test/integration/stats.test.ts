import { Types } from 'mongoose';
import type { Placement } from '../../src/data/placement.schema';
import type { Posting } from '../../src/data/posting.schema';
import type { Ranking } from '../../src/domain/events';
import { seedEventCounts } from '../helpers/event-counts';
import { startHarness, type Harness } from '../helpers/harness';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { addPublisher } from '../helpers/publishers';
import { addRecruiter } from '../helpers/recruiters';

const RANGE = 'from=2026-11-01&to=2026-11-07';
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const zeros = (day: string) => ({ day, impressions: 0, clicks: 0, ctr: null });

describe('stats of placements and feeds', () => {
  let h: Harness;
  let pat: Awaited<ReturnType<typeof addPublisher>>;
  let quinn: Awaited<ReturnType<typeof addPublisher>>;
  let alice: Awaited<ReturnType<typeof addRecruiter>>;
  let bob: Awaited<ReturnType<typeof addRecruiter>>;
  let sidebar: Placement;
  let feedId: string;
  let kafka: Posting;
  let nurse: Posting;
  let cook: Posting;
  let welder: Posting;
  let painter: Posting;

  async function ownedFeed(recruiterId: string, name: string, externalIds: string[][]): Promise<Posting[]> {
    const feed = await h.db.feeds.create({
      name,
      url: `https://partner.example/${name}.xml`,
      intervalMinutes: 60,
      recruiterId: new Types.ObjectId(recruiterId),
    });
    await seedPostings(
      h.db,
      feed._id,
      externalIds.map(([id, title, company]) => preparedPosting(id!, { title, company })),
    );
    return h.db.postings.listForFeed(feed._id);
  }

  async function placementOf(publisher: { auth: Record<string, string> }, name: string): Promise<Placement> {
    const created = await h.api
      .post('/api/v1/placements')
      .set(publisher.auth)
      .send({ name, allowedOrigins: ['https://news.example'] })
      .expect(201);
    return (await h.db.placements.findById(created.body.placement.id))!;
  }

  beforeAll(async () => {
    h = await startHarness({ workers: false });
    [pat, quinn] = [await addPublisher(h.db, 'Pat Post'), await addPublisher(h.db, 'Quinn Quarterly')];
    [alice, bob] = [await addRecruiter(h.db, 'Alice Hiring'), await addRecruiter(h.db, 'Bob Jobs')];
    const alices = await ownedFeed(alice.id, 'alice', [
      ['a1', 'Kafka Engineer', 'Acme'],
      ['a2', 'Staff Nurse', 'Han Staffing'],
      ['a3', 'Line Cook', 'Initech'],
    ]);
    [kafka, nurse, cook] = [alices[0]!, alices[1]!, alices[2]!];
    feedId = String(kafka.feedId);
    welder = (await ownedFeed(bob.id, 'bob', [['b1', 'Welder', 'Forge Works']]))[0]!;
    painter = (await ownedFeed(bob.id, 'bob-recent', [['c1', 'Painter', 'Brush Co']]))[0]!;
    sidebar = await placementOf(pat, 'Sidebar');
    const footer = await placementOf(quinn, 'Footer');
    const counts: [string, Placement | null, Posting, Ranking, number, number][] = [
      ['2026-11-01', sidebar, kafka, 'context', 100, 5],
      ['2026-11-01', sidebar, kafka, 'recency', 50, 1],
      ['2026-11-03', sidebar, nurse, 'recency', 40, 5],
      ['2026-11-03', sidebar, cook, 'context', 10, 0],
      ['2026-11-05', sidebar, welder, 'recency', 20, 5],
      ['2026-11-02', footer, kafka, 'context', 30, 3],
      // Clicks from feed readers: no placement, no impressions.
      ['2026-11-02', null, kafka, 'recency', 0, 4],
      // Outside the range.
      ['2026-10-31', sidebar, kafka, 'recency', 999, 99],
      ['2026-11-08', sidebar, nurse, 'context', 999, 99],
      // Today, and the day before the default 30 days.
      [daysAgo(0), footer, painter, 'context', 3, 1],
      [daysAgo(30), footer, painter, 'context', 7, 7],
    ];
    await seedEventCounts(
      h.db,
      counts.map(([day, placement, posting, ranking, impressions, clicks]) => ({
        day,
        placement,
        posting,
        ranking,
        impressions,
        clicks,
      })),
    );
  });
  afterAll(async () => {
    await h.close();
  });

  test('a placement’s stats: every day of the range (zeros included), CTR by ranking, top postings', async () => {
    const res = await h.api
      .get(`/api/v1/placements/${String(sidebar._id)}/stats?${RANGE}`)
      .set(pat.auth)
      .expect(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body).toEqual({
      placement: { id: String(sidebar._id), name: 'Sidebar' },
      from: '2026-11-01',
      to: '2026-11-07',
      totals: { impressions: 220, clicks: 16, ctr: 16 / 220 },
      days: [
        { day: '2026-11-01', impressions: 150, clicks: 6, ctr: 0.04 },
        zeros('2026-11-02'),
        { day: '2026-11-03', impressions: 50, clicks: 5, ctr: 0.1 },
        zeros('2026-11-04'),
        { day: '2026-11-05', impressions: 20, clicks: 5, ctr: 0.25 },
        zeros('2026-11-06'),
        zeros('2026-11-07'),
      ],
      byRanking: {
        context: { impressions: 110, clicks: 5, ctr: 5 / 110 },
        recency: { impressions: 110, clicks: 11, ctr: 0.1 },
      },
      // Most clicks first, then most impressions (the nurse's 5 clicks in 40 before the welder's 5 in 20).
      topPostings: [
        {
          id: String(kafka._id),
          title: 'Kafka Engineer',
          company: 'Acme',
          impressions: 150,
          clicks: 6,
          ctr: 0.04,
        },
        {
          id: String(nurse._id),
          title: 'Staff Nurse',
          company: 'Han Staffing',
          impressions: 40,
          clicks: 5,
          ctr: 0.125,
        },
        {
          id: String(welder._id),
          title: 'Welder',
          company: 'Forge Works',
          impressions: 20,
          clicks: 5,
          ctr: 0.25,
        },
        { id: String(cook._id), title: 'Line Cook', company: 'Initech', impressions: 10, clicks: 0, ctr: 0 },
      ],
    });
  });

  test('a feed’s stats: per day, per posting and per placement, the anonymous list and readers included', async () => {
    const res = await h.api.get(`/api/v1/feeds/${feedId}/stats?${RANGE}`).set(alice.auth).expect(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body).toEqual({
      feed: { id: feedId, name: 'alice' },
      from: '2026-11-01',
      to: '2026-11-07',
      totals: { impressions: 230, clicks: 18, ctr: 18 / 230 },
      days: [
        { day: '2026-11-01', impressions: 150, clicks: 6, ctr: 0.04 },
        { day: '2026-11-02', impressions: 30, clicks: 7, ctr: 7 / 30 },
        { day: '2026-11-03', impressions: 50, clicks: 5, ctr: 0.1 },
        zeros('2026-11-04'),
        zeros('2026-11-05'),
        zeros('2026-11-06'),
        zeros('2026-11-07'),
      ],
      byRanking: {
        context: { impressions: 140, clicks: 8, ctr: 8 / 140 },
        recency: { impressions: 90, clicks: 10, ctr: 1 / 9 },
      },
      postings: [
        {
          id: String(kafka._id),
          title: 'Kafka Engineer',
          company: 'Acme',
          impressions: 180,
          clicks: 13,
          ctr: 13 / 180,
        },
        {
          id: String(nurse._id),
          title: 'Staff Nurse',
          company: 'Han Staffing',
          impressions: 40,
          clicks: 5,
          ctr: 0.125,
        },
        { id: String(cook._id), title: 'Line Cook', company: 'Initech', impressions: 10, clicks: 0, ctr: 0 },
      ],
      placements: [
        { id: String(sidebar._id), name: 'Sidebar', impressions: 200, clicks: 11, ctr: 11 / 200 },
        { id: null, name: 'Anonymous widget and feeds', impressions: 0, clicks: 4, ctr: null },
        { id: expect.any(String), name: 'Footer', impressions: 30, clicks: 3, ctr: 0.1 },
      ],
    });
  });

  test('without from and to: the last 30 UTC days through today', async () => {
    const today = daysAgo(0);
    const res = await h.api
      .get(`/api/v1/feeds/${String(painter.feedId)}/stats`)
      .set(bob.auth)
      .expect(200);
    // A request that crosses midnight UTC answers for the day it started or the next.
    expect([today, daysAgo(0)]).toContain(res.body.to);
    expect(res.body.days).toHaveLength(30);
    expect(res.body.days.at(-1)).toEqual({ day: res.body.to, impressions: 3, clicks: 1, ctr: 1 / 3 });
    expect(res.body.days[0].day).toBe(res.body.from);
    expect(res.body.totals).toEqual({ impressions: 3, clicks: 1, ctr: 1 / 3 });
    expect(res.body.postings).toEqual([
      {
        id: String(painter._id),
        title: 'Painter',
        company: 'Brush Co',
        impressions: 3,
        clicks: 1,
        ctr: 1 / 3,
      },
    ]);
    expect(res.body.placements).toEqual([
      { id: expect.any(String), name: 'Footer', impressions: 3, clicks: 1, ctr: 1 / 3 },
    ]);
  });

  test('only the owner sees stats: another owner’s is a 404, no key a 401, the other kind of key a 401', async () => {
    const placementStats = `/api/v1/placements/${String(sidebar._id)}/stats`;
    const feedStats = `/api/v1/feeds/${feedId}/stats`;
    await h.api.get(placementStats).set(quinn.auth).expect(404);
    await h.api.get(feedStats).set(bob.auth).expect(404);
    await h.api.get(`/api/v1/placements/${new Types.ObjectId()}/stats`).set(pat.auth).expect(404);
    await h.api.get('/api/v1/feeds/nope/stats').set(alice.auth).expect(404);
    const anonymous = await h.api.get(placementStats).expect(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    await h.api.get(feedStats).expect(401);
    const recruiterOnPlacement = await h.api.get(placementStats).set(alice.auth).expect(401);
    expect(recruiterOnPlacement.body.error.message).toBe('The API key is not a valid publisher key');
    await h.api.get(feedStats).set(pat.auth).expect(401);
  });

  test('bad dates, from after to, a range over 366 days or an unknown parameter are a 400 naming the field', async () => {
    const fieldsOf = async (query: string) => {
      const res = await h.api
        .get(`/api/v1/placements/${String(sidebar._id)}/stats?${query}`)
        .set(pat.auth)
        .expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      return res.body.error.fields as { field: string; message: string }[];
    };
    expect(await fieldsOf('from=2026-13-01')).toEqual([
      { field: 'from', message: 'must be a date YYYY-MM-DD' },
    ]);
    expect(await fieldsOf('to=2026-02-30')).toEqual([{ field: 'to', message: 'must be a date YYYY-MM-DD' }]);
    expect(await fieldsOf('from=yesterday&to=2026-11-01')).toEqual([
      { field: 'from', message: 'must be a date YYYY-MM-DD' },
    ]);
    expect(await fieldsOf('from=2026-11-02&to=2026-11-01')).toEqual([
      { field: 'from', message: 'must not be after to' },
    ]);
    expect(await fieldsOf('from=2025-01-01&to=2026-01-02')).toEqual([
      { field: 'from', message: 'must be at most 366 days before to, both included' },
    ]);
    expect(await fieldsOf('from=2026-11-01&from=2026-11-02')).toEqual([
      { field: 'from', message: 'must be a date YYYY-MM-DD' },
    ]);
    expect((await fieldsOf('day=2026-11-01')).map((f) => f.field)).toEqual(['day']);
    expect((await fieldsOf('from[$gt]=2026-11-01')).map((f) => f.field)).toEqual(['from[$gt]']);

    const year = await h.api
      .get(`/api/v1/feeds/${feedId}/stats?from=2025-11-08&to=2026-11-08`)
      .set(alice.auth)
      .expect(200);
    expect(year.body.days).toHaveLength(366);
    const feedRes = await h.api.get(`/api/v1/feeds/${feedId}/stats?to=2026-1-1`).set(alice.auth).expect(400);
    expect(feedRes.body.error.fields).toEqual([{ field: 'to', message: 'must be a date YYYY-MM-DD' }]);
  });
});
