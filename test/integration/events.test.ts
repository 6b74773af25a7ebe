import { Types } from 'mongoose';
import { startHarness, type Harness } from '../helpers/harness';
import { beacon, eventCounts, PERSON, rollUp, rollupRegistry } from '../helpers/events';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { sampleValue } from '../helpers/prometheus';
import { addPublisher } from '../helpers/publishers';

const NEWS = 'https://news.example';
const ELSEWHERE = 'https://elsewhere.example';
const today = () => new Date().toISOString().slice(0, 10);

describe('impressions through POST /api/v1/events, counted once per visitor and day', () => {
  let h: Harness;
  const feedId = new Types.ObjectId();
  let postings: string[];
  let placement: string;
  let other: string;
  let visitor = 0;
  /** A person of their own: their own address (trusted X-Forwarded-For from loopback) and a browser agent. */
  const person = () => ({ 'user-agent': PERSON, 'x-forwarded-for': `203.0.113.${++visitor}`, origin: NEWS });
  const send = (body: string, headers: Record<string, string>, type = 'text/plain;charset=UTF-8') =>
    h.api.post('/api/v1/events').set(headers).set('content-type', type).send(body);
  const metric = async (name: string, labels: Record<string, string>) =>
    sampleValue((await h.api.get('/metrics').expect(200)).text, name, labels) ?? NaN;

  beforeAll(async () => {
    h = await startHarness({ workers: false, env: { EVENTS_BURST_MAX: '6' } });
    await seedPostings(
      h.db,
      feedId,
      ['e1', 'e2', 'e3'].map((id) => preparedPosting(id, { url: `https://jobs.example.com/${id}` })),
    );
    postings = (await h.db.postings.listForFeed(feedId)).map((p) => String(p._id)).sort();
    const publisher = await addPublisher(h.db);
    const create = (allowedOrigins: string[]) =>
      h.api
        .post('/api/v1/placements')
        .set(publisher.auth)
        .send({ name: 'Sidebar', allowedOrigins, filters: {} })
        .expect(201);
    placement = (await create([NEWS])).body.placement.id;
    other = (await create([NEWS, ELSEWHERE])).body.placement.id;
  });
  afterAll(async () => {
    await h.close();
  });

  test('a visitor’s impressions count once a day; another address or agent is another visitor', async () => {
    const first = person();
    const body = beacon(placement, postings.slice(0, 2));
    const counted = await send(body, first).expect(202);
    expect(counted.body).toEqual({
      counted: 2,
      rejected: { bot: 0, prefetch: 0, too_fast: 0, burst: 0, foreign: 0, duplicate: 0, unknown: 0 },
    });
    expect(counted.headers['x-content-type-options']).toBe('nosniff');
    expect((await send(body, first).expect(202)).body).toMatchObject({
      counted: 0,
      rejected: { duplicate: 2 },
    });
    expect((await send(body, person(), 'application/json').expect(202)).body.counted).toBe(2);
    expect(
      (await send(body, { ...first, 'user-agent': `${PERSON} Edg/131.0` }).expect(202)).body.counted,
    ).toBe(2);

    await rollUp({ db: h.db, redis: h.redis, prefix: h.config.queuePrefix });
    const counts = await eventCounts(h.db, { placementId: new Types.ObjectId(placement) });
    expect(
      counts.map(({ appliedBatches, ...count }) => ({ ...count, batches: appliedBatches.length })),
    ).toEqual(
      expect.arrayContaining(
        postings.slice(0, 2).map((posting) => ({
          day: today(),
          placementId: new Types.ObjectId(placement),
          publisherId: expect.any(Types.ObjectId),
          postingId: new Types.ObjectId(posting),
          feedId,
          ranking: 'recency',
          impressions: 3,
          clicks: 0,
          batches: 1,
        })),
      ),
    );
    expect(counts).toHaveLength(2);
  });

  test.each([
    ['HeadlessChrome', { 'user-agent': PERSON.replace('Chrome/', 'HeadlessChrome/') }, 'bot'],
    ['Googlebot', { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1)' }, 'bot'],
    ['a script', { 'user-agent': 'python-requests/2.32' }, 'bot'],
    ['no agent', { 'user-agent': '' }, 'bot'],
    ['a prerender', { 'sec-purpose': 'prefetch;prerender' }, 'prefetch'],
    ['a foreign page', { origin: 'https://copycat.example' }, 'foreign'],
    ['a page whose referrer is foreign', { origin: '', referer: 'https://copycat.example/a' }, 'foreign'],
  ])('%s is answered, not counted, and counted in the metrics by reason', async (_, headers, reason) => {
    const before = await metric('jobfeed_events_rejected_total', { kind: 'impression', reason });
    const res = await send(beacon(placement, postings), { ...person(), ...headers }).expect(202);
    expect(res.body.counted).toBe(0);
    expect(res.body.rejected[reason]).toBe(3);
    expect(await metric('jobfeed_events_rejected_total', { kind: 'impression', reason })).toBe(before + 3);
  });

  test('an allowed page named by its Referer counts, so do the placement’s other origins', async () => {
    const viaReferer = { ...person(), origin: '', referer: `${NEWS}/politics/article-1` };
    expect((await send(beacon(placement, [postings[2]!]), viaReferer).expect(202)).body.counted).toBe(1);
    const elsewhere = { ...person(), origin: ELSEWHERE };
    expect((await send(beacon(other, [postings[2]!]), elsewhere).expect(202)).body.counted).toBe(1);
  });

  test('the iframe’s beacons, from jobfeed’s own origin, count when the page framing it is allowed', async () => {
    const iframe = { ...person(), origin: new URL(h.config.http.publicUrl).origin };
    const framedBy = async (host?: string) =>
      (await send(beacon(placement, [postings[1]!], 'recency', host), iframe).expect(202)).body;
    expect(await framedBy(ELSEWHERE)).toMatchObject({ counted: 0, rejected: { foreign: 1 } });
    expect(await framedBy()).toMatchObject({ counted: 0, rejected: { foreign: 1 } });
    expect(await framedBy(NEWS)).toMatchObject({ counted: 1 });
    // A host on a page that is not the iframe's says nothing: that page's own origin is checked.
    const copycat = { ...person(), origin: ELSEWHERE };
    const res = await send(beacon(placement, [postings[0]!], 'recency', NEWS), copycat).expect(202);
    expect(res.body).toMatchObject({ counted: 0, rejected: { foreign: 1 } });
  });

  test('past EVENTS_BURST_MAX events in a minute a visitor’s further events are a burst, duplicates included', async () => {
    const someone = person();
    expect((await send(beacon(other, postings), someone).expect(202)).body.counted).toBe(3);
    const again = await send(beacon(other, [...postings, postings[0]!]), someone).expect(202);
    expect(again.body).toMatchObject({ counted: 0, rejected: { duplicate: 3, burst: 1 } });
    const cousin = { ...someone, 'user-agent': `${PERSON} OPR/1` };
    expect((await send(beacon(placement, postings), cousin).expect(202)).body.counted).toBe(3);
  });

  test('impressions are split by ranking; the anonymous widget counts without a placement', async () => {
    await send(beacon(other, [postings[0]!], 'context'), person()).expect(202);
    await send(beacon(null, [postings[1]!]), person()).expect(202);
    await rollUp({ db: h.db, redis: h.redis, prefix: h.config.queuePrefix });
    const [byContext] = await eventCounts(h.db, {
      placementId: new Types.ObjectId(other),
      ranking: 'context',
    });
    expect(byContext).toMatchObject({ postingId: new Types.ObjectId(postings[0]), impressions: 1 });
    const [anonymous] = await eventCounts(h.db, { placementId: null });
    // FerretDB 1.24 leaves out a null set on insert; MongoDB stores it.
    expect(anonymous!.publisherId ?? null).toBeNull();
    expect(anonymous).toMatchObject({
      postingId: new Types.ObjectId(postings[1]),
      impressions: 1,
    });
  });

  test('an unknown placement is rejected at once; an unknown posting is dropped by the roll-up as unknown', async () => {
    const res = await send(beacon(String(new Types.ObjectId()), postings), person()).expect(202);
    expect(res.body).toMatchObject({ counted: 0, rejected: { unknown: 3 } });
    const ghost = String(new Types.ObjectId());
    expect((await send(beacon(other, [ghost]), person()).expect(202)).body.counted).toBe(1);
    const registry = rollupRegistry();
    const outcome = await rollUp({ db: h.db, redis: h.redis, prefix: h.config.queuePrefix, registry });
    expect(outcome).toMatchObject({ batches: 1, unknown: 1 });
    expect(await eventCounts(h.db, { postingId: new Types.ObjectId(ghost) })).toEqual([]);
    const text = await registry.metrics();
    expect(
      sampleValue(text, 'jobfeed_events_rejected_total', { kind: 'impression', reason: 'unknown' }),
    ).toBe(1);
  });

  test('a batch applied again adds nothing; another batch adds to the same documents', async () => {
    const share = {
      placementId: null,
      publisherId: null,
      postingId: new Types.ObjectId(postings[2]),
      feedId,
      ranking: 'context' as const,
      impressions: 2,
      clicks: 1,
    };
    const day = '2026-01-31';
    await h.db.eventRollup.applyBatch('2026-01-31T10:00.aaaa', day, [share]);
    await h.db.eventRollup.applyBatch('2026-01-31T10:00.aaaa', day, [share]);
    expect(await eventCounts(h.db, { day })).toMatchObject([
      { impressions: 2, clicks: 1, appliedBatches: ['2026-01-31T10:00.aaaa'] },
    ]);
    await h.db.eventRollup.applyBatch('2026-01-31T10:01.bbbb', day, [share]);
    expect(await eventCounts(h.db, { day })).toMatchObject([{ impressions: 4, clicks: 2 }]);
  });

  test('a half-applied batch applied again adds only what it had not added, in the same bulk write', async () => {
    const share = (posting: string, impressions: number) => ({
      placementId: null,
      publisherId: null,
      postingId: new Types.ObjectId(posting),
      feedId,
      ranking: 'recency' as const,
      impressions,
      clicks: 0,
    });
    const day = '2026-02-01';
    const batch = [share(postings[0]!, 1), share(postings[1]!, 2), share(postings[2]!, 3)];
    await h.db.eventRollup.applyBatch('2026-02-01T10:00.cccc', day, batch.slice(1, 2));
    await h.db.eventRollup.applyBatch('2026-02-01T10:00.cccc', day, batch);
    const counts = await eventCounts(h.db, { day });
    expect(counts.map((count) => [String(count.postingId), count.impressions, count.appliedBatches])).toEqual(
      expect.arrayContaining(
        batch.map((b) => [String(b.postingId), b.impressions, ['2026-02-01T10:00.cccc']]),
      ),
    );
    expect(counts).toHaveLength(3);
  });

  test('a write error other than an applied batch’s collision fails the batch, so the job is retried', async () => {
    const day = '2026-02-02';
    const postingId = new Types.ObjectId(postings[0]);
    await h.db.connection.collection('event_counts').insertOne({
      day,
      placementId: null,
      postingId,
      ranking: 'recency',
      feedId,
      impressions: 'many',
      clicks: 0,
    });
    const share = { placementId: null, publisherId: null, postingId, feedId, ranking: 'recency' as const };
    await expect(
      h.db.eventRollup.applyBatch('2026-02-02T10:00.dddd', day, [
        { ...share, impressions: 1, clicks: 0 },
        { ...share, postingId: new Types.ObjectId(postings[1]), impressions: 1, clicks: 0 },
      ]),
    ).rejects.toThrow(/non-numeric/);
  });

  test.each([
    ['no impressions', JSON.stringify({ placement: null, impressions: [] }), 'impressions'],
    [
      'a malformed posting id',
      JSON.stringify({ placement: null, impressions: [{ posting: '$ne', ranking: 'recency' }] }),
      'impressions.0.posting',
    ],
    ['an unknown ranking', beacon(null, [new Types.ObjectId()], 'random'), 'impressions.0.ranking'],
    ['an operator as placement', JSON.stringify({ placement: { $ne: null }, impressions: [] }), 'placement'],
    ['an unknown field', JSON.stringify({ placement: null, impressions: [], extra: 1 }), 'extra'],
  ])('a beacon with %s is a 400 naming the field', async (_, body, field) => {
    const res = await send(body, person()).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  test('a body that is not JSON is a 400, a large one a 413', async () => {
    expect((await send('{"placement":', person()).expect(400)).body.error.code).toBe('invalid_json');
    const huge = beacon(
      null,
      Array.from({ length: 400 }, () => new Types.ObjectId()),
    );
    expect((await send(huge, person()).expect(413)).body.error.code).toBe('payload_too_large');
  });
});
