import { Types } from 'mongoose';
import { connectDatabase } from '../../src/data/database';
import { createLogger } from '../../src/logger';
import { createSchedulerProcessor } from '../../workers/scheduler.processor';
import { startHarness, type Harness } from '../helpers/harness';
import {
  checkShape,
  declaredIndexes,
  recordCommands,
  type Allowances,
  type CommandRecorder,
  type QueryShape,
} from '../helpers/query-shapes';
import { seedEventCounts } from '../helpers/event-counts';
import { addPublisher } from '../helpers/publishers';
import { addRecruiter, indeedFeed, xmlHandler } from '../helpers/recruiters';
import { waitFor } from '../helpers/wait-for';
import { beacon, eventCounts, rollUp } from '../helpers/events';

const ADMIN_TOKEN = 'admin-token-0123456789';
const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

/** Where a query needs no more of an index by design. Keep it short: each entry says why. */
const ALLOW: Allowances = {
  residual: [
    {
      collection: 'postings',
      field: 'validThrough',
      reason:
        'the recent list keeps postings with no end date or one still ahead: nearly every active posting passes, ' +
        'so it is checked on the documents the list index finds (the sweep has its own index)',
    },
  ],
  selective: [
    {
      collection: 'postings',
      field: 'fingerprint',
      reason:
        'a fingerprint is one job: a handful of postings, across feeds, read to decide which one is listed',
    },
  ],
  scans: [],
};

const job = (id: string, title: string, company: string, extra = '') =>
  `<referencenumber>${id}</referencenumber><title>${title}</title><company>${company}</company>` +
  `<url>https://jobs.example.com/${id}</url><date>${new Date(Date.now() - 86_400_000).toUTCString()}</date>` +
  `<description>Build things with ${company}.</description>${extra}`;

describe('every query the app issues is served by a declared index', () => {
  let h: Harness;
  let recorder: CommandRecorder;
  let shapes: QueryShape[];

  beforeAll(async () => {
    h = await startHarness({ monitorCommands: true, env: { ADMIN_TOKEN } });
    recorder = recordCommands(h.db.connection);
  });
  afterAll(async () => {
    recorder.stop();
    await h.close();
  });

  test('the main flows run: ingest, the recent list with each filter, a posting, recruiter feeds, publisher placements and their lists, admin, click, metrics, scheduler tick, expiry', async () => {
    // Ingest through the worker path: a first read, one that drops a posting and changes one, and the same body
    // again, unchanged, which expires the dropped posting (two missed fetches) without reading the feed's postings.
    const board = [
      job('A1', 'Backend Engineer (Remote)', 'Acme', '<country>US</country>'),
      job('A2', 'Staff Nurse', 'Globex', '<city>Berlin</city><country>DE</country>'),
      job('A3', 'Data Analyst', 'Umbrella'),
      job('A4', 'Line Cook', 'Initech'),
    ];
    let served = board;
    h.fixtures.handle('/board.xml', (req, res) => xmlHandler(indeedFeed(served))(req, res));
    const feed = await h.db.feeds.create({
      name: 'Board',
      url: `${h.fixtures.url}/board.xml`,
      intervalMinutes: 30,
    });
    expect((await h.runFeed(String(feed._id))).status).toBe('succeeded');
    served = [board[0]!, board[1]!, board[2]!.replace('Data Analyst', 'Senior Data Analyst')];
    expect((await h.runFeed(String(feed._id))).counts).toMatchObject({ updated: 1 });
    expect((await h.runFeed(String(feed._id))).status).toBe('unchanged');

    const titles = async (query: string) =>
      ((await h.api.get(`/api/v1/jobs/recent?${query}`).expect(200)).body.jobs as { title: string }[]).map(
        (j) => j.title,
      );
    expect(await titles('limit=10')).not.toContain('Line Cook');
    for (const query of [
      'q=engineer',
      'company=acme',
      'remote=true',
      'category=engineering',
      'country=us',
      'workplace=remote',
      'company=acme&country=us',
      'category=engineering&workplace=remote',
      'category=engineering&country=us',
      'workplace=remote&country=us',
      'q=engineer&country=us',
    ])
      expect(await titles(query)).toEqual(['Backend Engineer (Remote)']);
    expect(await titles('context=nursing+berlin+hospital')).toContain('Staff Nurse');
    expect(await titles('limit=1')).toHaveLength(1);

    const [first] = (await h.api.get('/api/v1/jobs/recent?q=nurse').expect(200)).body.jobs;
    await h.api.get(`/api/v1/jobs/${first.id}`).expect(200);
    await h.api.get(`/r/${first.id}`).set('user-agent', BROWSER).expect(302);

    // A recruiter's feed, through the API: create (first poll), list, read, rename, pause, resume, poll now, delete.
    const recruiter = await addRecruiter(h.db, 'Query Shapes Recruiter');
    h.fixtures.handle('/recruiter.xml', xmlHandler(indeedFeed([job('R1', 'Welder', 'Forge Works')])));
    const created = await h.api
      .post('/api/v1/feeds')
      .set(recruiter.auth)
      .send({ url: `${h.fixtures.url}/recruiter.xml`, name: 'Recruiter feed' })
      .expect(201);
    const id = created.body.feed.id as string;
    await waitFor(
      async () =>
        (await h.db.feedRuns.listForFeed(new Types.ObjectId(id))).some((r) => r.status !== 'running'),
      'the first poll of the recruiter feed',
    );
    await h.api.get('/api/v1/feeds').set(recruiter.auth).expect(200);
    await h.api.get(`/api/v1/feeds/${id}`).set(recruiter.auth).expect(200);
    await h.api.patch(`/api/v1/feeds/${id}`).set(recruiter.auth).send({ name: 'Renamed' }).expect(200);
    await h.api.patch(`/api/v1/feeds/${id}`).set(recruiter.auth).send({ paused: true }).expect(200);
    await h.api.patch(`/api/v1/feeds/${id}`).set(recruiter.auth).send({ paused: false }).expect(200);
    await h.api.post(`/api/v1/feeds/${id}/run`).set(recruiter.auth).expect(202);

    // A publisher's placements, through the API: create one per filter, list, read, change, read each list (also
    // narrowed by a parameter), delete; and the operator's key management of publishers.
    const publisher = await addPublisher(h.db, 'Query Shapes Publisher');
    const placementIds: string[] = [];
    for (const filters of [
      {},
      { companies: ['Acme', 'Globex'], maxAgeDays: 30 },
      { countries: ['US', 'DE'] },
      { companies: ['Acme'], countries: ['US'] },
      { categories: ['engineering'], workplace: 'remote' },
      { categories: ['engineering'] },
      { workplace: 'remote' },
      { q: 'engineer' },
    ]) {
      const placement = await h.api
        .post('/api/v1/placements')
        .set(publisher.auth)
        .send({ name: 'Sidebar', allowedOrigins: ['https://news.example'], filters })
        .expect(201);
      placementIds.push(placement.body.placement.id as string);
    }
    await h.api.get('/api/v1/placements').set(publisher.auth).expect(200);
    await h.api.get(`/api/v1/placements/${placementIds[0]}`).set(publisher.auth).expect(200);
    await h.api
      .patch(`/api/v1/placements/${placementIds[0]}`)
      .set(publisher.auth)
      .send({ limit: 1 })
      .expect(200);
    for (const placementId of placementIds)
      await h.api.get(`/api/v1/placements/${placementId}/jobs`).expect(200);
    expect(
      (await h.api.get(`/api/v1/placements/${placementIds[1]}/jobs?company=acme`).expect(200)).body.jobs,
    ).toHaveLength(1);
    await h.api.get(`/api/v1/placements/${placementIds[2]}/jobs?country=de`).expect(200);
    // Impressions and a click on a placement, rolled up into event_counts twice (a second batch adds to the documents).
    for (const n of [1, 2]) {
      await h.api
        .post('/api/v1/events')
        .set({ 'user-agent': BROWSER, 'x-forwarded-for': `203.0.113.${n}`, origin: 'https://news.example' })
        .set('content-type', 'text/plain;charset=UTF-8')
        .send(beacon(placementIds[1]!, [first.id]))
        .expect(202);
      await h.api
        .get(`/r/${first.id}?p=${placementIds[1]}&ranking=recency&dwell=2000`)
        .set({
          'user-agent': BROWSER,
          'x-forwarded-for': `203.0.113.${n}`,
          referer: 'https://news.example/a',
        })
        .expect(302);
      await rollUp({ db: h.db, redis: h.redis, prefix: h.config.queuePrefix });
    }
    expect(await eventCounts(h.db, { placementId: new Types.ObjectId(placementIds[1]) })).toEqual([
      expect.objectContaining({ impressions: 2, clicks: 2 }),
    ]);
    // Stats of a placement and of the recruiter's feed, over counts as the roll-up writes them.
    const [welder] = await h.db.postings.listForFeed(new Types.ObjectId(id));
    const statsPlacement = await h.db.placements.findById(placementIds[1]!);
    const today = new Date().toISOString().slice(0, 10);
    await seedEventCounts(h.db, [
      {
        day: today,
        placement: statsPlacement,
        posting: welder!,
        ranking: 'context',
        impressions: 3,
        clicks: 1,
      },
      { day: today, placement: null, posting: welder!, ranking: 'recency', impressions: 0, clicks: 1 },
    ]);
    const placementStats = await h.api
      .get(`/api/v1/placements/${placementIds[1]}/stats`)
      .set(publisher.auth)
      .expect(200);
    expect(placementStats.body.topPostings).toHaveLength(2);
    const feedStats = await h.api.get(`/api/v1/feeds/${id}/stats`).set(recruiter.auth).expect(200);
    expect(feedStats.body.placements).toHaveLength(2);
    await h.api.delete(`/api/v1/placements/${placementIds[0]}`).set(publisher.auth).expect(204);
    await h.db.publishers.list();
    await h.db.publishers.revoke(publisher.id);
    await h.db.publishers.rotate(publisher.id);

    // The operator: admin pages, metrics, the CLI's lists and key management.
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    await h.api.get('/admin').set(admin).expect(200);
    await h.api
      .get(`/admin/feeds/${String(feed._id)}`)
      .set(admin)
      .expect(200);
    await h.api.get('/metrics').expect(200);
    await h.db.feeds.list({ status: 'failing' });
    await h.db.recruiters.list();
    await h.db.recruiters.revoke(recruiter.id);
    const rotated = await h.db.recruiters.rotate(recruiter.id);
    await h.api.delete(`/api/v1/feeds/${id}`).set('authorization', `Bearer ${rotated!.apiKey}`).expect(204);
    // What every process runs at connect: postings stored before the search fields existed get them.
    await h.db.postings.backfillStoredFields();

    // The scheduler tick: due feeds queued and moved on, postings past their end date expired.
    await h.db.feeds.updateOwned(String(feed._id), 'all', { intervalMinutes: 1 });
    const tick = createSchedulerProcessor({ db: h.db, queues: h.queues, logger: createLogger(h.config) });
    await tick();

    shapes = recorder.shapes();
  });

  test('each query shape is served by a declared index of its collection', () => {
    const indexes = declaredIndexes(h.db.connection);
    const verdicts = shapes.map((query) => checkShape(query, indexes, ALLOW));
    // SHOW_SHAPES=1 lists every shape with the index that serves it.
    if (process.env.SHOW_SHAPES)
      console.log(verdicts.map((v) => `${v.query.key}  =>  ${v.servedBy}`).join('\n'));
    expect(verdicts.flatMap((verdict) => verdict.problem ?? [])).toEqual([]);
  });

  test('the shapes come from the flows: every collection, each list filter, and every allowance in use', () => {
    const collections = new Set(shapes.map((s) => s.collection));
    expect([...collections].sort()).toEqual([
      'event_counts',
      'feedRuns',
      'feeds',
      'placements',
      'postings',
      'publishers',
      'recruiters',
    ]);
    const listFields = new Set(
      shapes
        .filter((s) => s.collection === 'postings' && s.command === 'find')
        .flatMap((s) => s.fields.map((f) => f.field)),
    );
    for (const field of [
      'terms',
      'companyKey',
      'remote',
      'category',
      'place.country',
      'workplace',
      'fingerprint',
    ])
      expect(listFields).toContain(field);
    const fieldsOf = (s: QueryShape) =>
      [...s.fields, ...s.or.flat(2)].map((f) => `${s.collection}.${f.field}`);
    const used = new Set(shapes.flatMap(fieldsOf));
    for (const allowance of [...(ALLOW.residual ?? []), ...(ALLOW.selective ?? [])])
      expect(used).toContain(`${allowance.collection}.${allowance.field}`);
    for (const scan of ALLOW.scans ?? []) expect(shapes.map((s) => s.key)).toContain(scan.key);
  });

  test('writes wait for a majority', () => {
    const writes = recorder.events.filter((e) =>
      ['insert', 'update', 'delete', 'findAndModify'].includes(e.commandName),
    );
    const concernOf = (e: (typeof writes)[number]) => {
      const command = e.command as Record<string, unknown>;
      const collection = String(command[e.commandName]);
      return `${collection} ${e.commandName} w:${String((command.writeConcern as { w?: unknown })?.w)}`;
    };
    const concerns = new Set(writes.map(concernOf));
    for (const concern of concerns) expect(concern).toMatch(/ w:majority$/);
    expect(concerns).toContain('postings insert w:majority');
    expect(concerns).toContain('postings update w:majority');
    expect(concerns).toContain('feeds update w:majority');
    expect(concerns).toContain('event_counts update w:majority');
  });
});

describe('postings stored before terms and companyKey existed', () => {
  test('are filled in at connect, so q and company find them', async () => {
    const h = await startHarness({ workers: false });
    try {
      const { insertedId } = await h.db.connection.collection('postings').insertOne({
        feedId: new Types.ObjectId(),
        externalId: 'old-1',
        title: 'Harbour Pilot',
        company: '  Old Shipping Co ',
        snippet: 'Steer ships in.',
        url: 'https://jobs.example.com/old-1',
        fingerprint: 'old-1',
        contentHash: 'old-1',
        listedAt: new Date(),
        firstSeenAt: new Date(),
        lastSeenAt: new Date(),
        status: 'active',
        missedFetches: 0,
        validThrough: null,
      });
      expect(await h.db.postings.listRecent({ limit: 5, q: 'pilot' })).toEqual([]);

      const again = await connectDatabase(h.config.mongoUrl, { dbName: h.db.connection.name });
      try {
        expect(await again.postings.listRecent({ limit: 5, q: 'harbour pilot' })).toEqual([
          expect.objectContaining({ _id: insertedId, companyKey: 'old shipping co' }),
        ]);
        expect(await again.postings.listRecent({ limit: 5, company: 'OLD SHIPPING CO' })).toHaveLength(1);
      } finally {
        await again.close();
      }
    } finally {
      await h.close();
    }
  });
});
