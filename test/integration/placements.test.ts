import { Types } from 'mongoose';
import { startHarness, type Harness } from '../helpers/harness';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { addPublisher } from '../helpers/publishers';
import { addRecruiter } from '../helpers/recruiters';

const ORIGINS = ['https://news.example'];
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

describe('publisher placements API', () => {
  let h: Harness;
  let alice: Awaited<ReturnType<typeof addPublisher>>;
  let bob: Awaited<ReturnType<typeof addPublisher>>;

  beforeAll(async () => {
    h = await startHarness({ workers: false });
    alice = await addPublisher(h.db, 'Alice News');
    bob = await addPublisher(h.db, 'Bob Daily');
    await seedPostings(h.db, new Types.ObjectId(), [
      preparedPosting('leidos-de', {
        title: 'Full Stack Developer',
        company: 'Leidos',
        category: 'engineering',
        workplace: 'remote',
        remote: true,
        place: { city: 'Berlin', region: null, country: 'DE' },
        postedAt: daysAgo(1),
      }),
      preparedPosting('oracle-us', {
        title: 'Principal Software Developer',
        company: 'Oracle',
        category: 'engineering',
        workplace: 'onsite',
        place: { city: 'Austin', region: 'TX', country: 'US' },
        postedAt: daysAgo(2),
      }),
      preparedPosting('han-us', {
        title: 'Staff Nurse',
        company: 'Han Staffing',
        category: 'healthcare',
        workplace: 'onsite',
        place: { city: 'Boston', region: 'MA', country: 'US' },
        postedAt: daysAgo(3),
      }),
      preparedPosting('old-oracle', {
        title: 'Database Developer',
        company: 'Oracle',
        category: 'engineering',
        place: { city: 'Austin', region: 'TX', country: 'US' },
        postedAt: daysAgo(20),
      }),
    ]);
  });
  afterAll(async () => {
    await h.close();
  });

  const create = (who: { auth: Record<string, string> }, body: Record<string, unknown>) =>
    h.api
      .post('/api/v1/placements')
      .set(who.auth)
      .send({ name: 'Sidebar', allowedOrigins: ORIGINS, ...body });
  const titles = async (url: string) =>
    ((await h.api.get(url).expect(200)).body.jobs as { title: string }[]).map((job) => job.title);

  test('a placement is created with defaults, and only its publisher can read, change or delete it', async () => {
    const created = await create(alice, {}).expect(201);
    const { placement } = created.body;
    expect(created.headers.location).toBe(`/api/v1/placements/${placement.id}`);
    expect(placement).toMatchObject({
      name: 'Sidebar',
      allowedOrigins: ORIGINS,
      filters: { q: null, companies: [], countries: [], categories: [], workplace: null, maxAgeDays: null },
      limit: 6,
      heading: null,
      locale: 'en',
      theme: 'auto',
      context: 'none',
      jobsUrl: `/api/v1/placements/${placement.id}/jobs`,
    });
    expect(JSON.stringify(placement)).not.toContain(alice.id);

    await h.api.get(`/api/v1/placements/${placement.id}`).set(alice.auth).expect(200);
    await h.api.get(`/api/v1/placements/${placement.id}`).set(bob.auth).expect(404);
    await h.api.patch(`/api/v1/placements/${placement.id}`).set(bob.auth).send({ name: 'Mine' }).expect(404);
    await h.api.delete(`/api/v1/placements/${placement.id}`).set(bob.auth).expect(404);
    await h.api.get('/api/v1/placements/nope').set(alice.auth).expect(404);
    const bobs = (await h.api.get('/api/v1/placements').set(bob.auth).expect(200)).body.placements;
    expect(bobs).toEqual([]);
    const alices = (await h.api.get('/api/v1/placements').set(alice.auth).expect(200)).body.placements;
    expect(alices.map((p: { id: string }) => p.id)).toContain(placement.id);

    const patched = await h.api
      .patch(`/api/v1/placements/${placement.id}`)
      .set(alice.auth)
      .send({ heading: 'Jobs', filters: { countries: ['de'] } })
      .expect(200);
    expect(patched.body.placement).toMatchObject({
      heading: 'Jobs',
      filters: { countries: ['DE'], q: null },
    });
    await h.api.delete(`/api/v1/placements/${placement.id}`).set(alice.auth).expect(204);
    await h.api.get(`/api/v1/placements/${placement.id}`).set(alice.auth).expect(404);
    await h.api.get(`/api/v1/placements/${placement.id}/jobs`).expect(404);
  });

  test('a recruiter key, a missing key or a revoked publisher key is a 401; a publisher key is no recruiter key', async () => {
    const recruiter = await addRecruiter(h.db);
    const refused = await h.api.get('/api/v1/placements').set(recruiter.auth).expect(401);
    expect(refused.body.error.message).toBe('The API key is not a valid publisher key');
    await create(recruiter, {}).expect(401);
    await h.api.get('/api/v1/placements').expect(401);
    await h.api.get('/api/v1/feeds').set(alice.auth).expect(401);
    const carol = await addPublisher(h.db, 'Carol');
    expect(carol.apiKey).toMatch(/^jfp_[\w-]{43}$/);
    await h.db.publishers.revoke(carol.id);
    const revoked = await h.api.get('/api/v1/placements').set(carol.auth).expect(401);
    expect(revoked.body.error.message).toMatch(/revoked/);
  });

  test('bad fields are a 400 naming each field; operator-like keys never reach a query', async () => {
    const fieldsOf = async (body: unknown) =>
      (
        await h.api
          .post('/api/v1/placements')
          .set(alice.auth)
          .send(body as object)
          .expect(400)
      ).body.error.fields.map((f: { field: string }) => f.field);
    expect(await fieldsOf({ allowedOrigins: ORIGINS })).toEqual(['name']);
    expect(await fieldsOf({ name: 'x' })).toEqual(['allowedOrigins']);
    for (const origin of [
      'https://news.example/path',
      'ftp://news.example',
      'news.example',
      'https://u:p@a.example',
    ])
      expect(await fieldsOf({ name: 'x', allowedOrigins: [origin] })).toEqual(['allowedOrigins.0']);
    expect(
      await fieldsOf({
        name: 'x',
        allowedOrigins: ORIGINS,
        limit: 51,
        theme: 'neon',
        context: 'page',
        locale: 'english please',
        filters: { countries: ['USA'], categories: ['astronauts'], maxAgeDays: 0, workplace: 'moon' },
      }),
    ).toEqual(
      expect.arrayContaining([
        'limit',
        'theme',
        'context',
        'locale',
        'filters.countries.0',
        'filters.categories.0',
        'filters.maxAgeDays',
        'filters.workplace',
      ]),
    );
    expect(
      await fieldsOf({ name: 'x', allowedOrigins: ORIGINS, filters: { companies: { $ne: 'x' } } }),
    ).toEqual(['filters.companies.$ne']);
    expect(await fieldsOf({ name: 'x', allowedOrigins: ORIGINS, filters: { q: ['a'] } })).toEqual([
      'filters.q',
    ]);
    expect(await fieldsOf({ name: 'x', allowedOrigins: ORIGINS, extra: 1 })).toEqual(['extra']);
    const { body } = await create(alice, {}).expect(201);
    const patchFields = await h.api
      .patch(`/api/v1/placements/${body.placement.id}`)
      .set(alice.auth)
      .send({ limit: 'six' })
      .expect(400);
    expect(patchFields.body.error.fields).toEqual([
      { field: 'limit', message: 'must be a whole number from 1 to 50' },
    ]);
    const badQuery = await h.api
      .get(`/api/v1/placements/${body.placement.id}/jobs?company[$ne]=x`)
      .expect(400);
    expect(badQuery.body.error.fields[0].field).toBe('company[$ne]');
  });

  test('/placements/:id/jobs applies the placement’s filters, limit, heading, locale and theme', async () => {
    const { body } = await create(alice, {
      heading: 'Developer jobs',
      locale: 'de-DE',
      theme: 'dark',
      limit: 5,
      filters: { companies: ['oracle', 'LEIDOS'], categories: ['engineering'], maxAgeDays: 10 },
    }).expect(201);
    const id = body.placement.id as string;
    const list = await h.api.get(`/api/v1/placements/${id}/jobs`).expect(200);
    expect(list.headers['access-control-allow-origin']).toBe('*');
    expect(list.headers.etag).toBeDefined();
    expect(list.body.placement).toEqual({
      id,
      heading: 'Developer jobs',
      locale: 'de-DE',
      theme: 'dark',
      context: 'none',
    });
    expect(list.body.jobs.map((j: { title: string }) => j.title)).toEqual([
      'Full Stack Developer',
      'Principal Software Developer',
    ]);
    const [job] = (await h.api.get('/api/v1/jobs/recent?company=leidos').expect(200)).body.jobs;
    expect(list.body.jobs[0]).toEqual(job);

    const byCountry = (await create(alice, { filters: { countries: ['us'], q: 'developer' } }).expect(201))
      .body;
    expect(await titles(`/api/v1/placements/${byCountry.placement.id}/jobs`)).toEqual([
      'Principal Software Developer',
      'Database Developer',
    ]);
    const remote = (await create(alice, { filters: { workplace: 'remote' } }).expect(201)).body;
    expect(await titles(`/api/v1/placements/${remote.placement.id}/jobs`)).toEqual(['Full Stack Developer']);
    await h.api.get(`/api/v1/placements/${new Types.ObjectId()}/jobs`).expect(404);
    await h.api.get('/api/v1/placements/nope/jobs').expect(404);
  });

  test('query parameters narrow a placement’s list and never widen it', async () => {
    const { body } = await create(alice, { limit: 2, filters: { companies: ['Oracle', 'Leidos'] } }).expect(
      201,
    );
    const url = `/api/v1/placements/${body.placement.id}/jobs`;
    expect(await titles(url)).toEqual(['Full Stack Developer', 'Principal Software Developer']);
    expect(await titles(`${url}?limit=1`)).toEqual(['Full Stack Developer']);
    expect(await titles(`${url}?limit=50`)).toHaveLength(2);
    expect(await titles(`${url}?company=oracle`)).toEqual([
      'Principal Software Developer',
      'Database Developer',
    ]);
    expect(await titles(`${url}?company=oracle&limit=1`)).toEqual(['Principal Software Developer']);
    expect(await titles(`${url}?company=Han%20Staffing`)).toEqual([]);
    expect(await titles(`${url}?country=us&q=principal`)).toEqual(['Principal Software Developer']);
    expect(await titles(`${url}?q=full`)).toEqual(['Full Stack Developer']);
    expect(await titles(`${url}?category=healthcare`)).toEqual([]);

    const all = (await create(alice, { filters: { categories: ['healthcare'] } }).expect(201)).body;
    expect(await titles(`/api/v1/placements/${all.placement.id}/jobs?category=engineering`)).toEqual([]);
    expect(await titles(`/api/v1/placements/${all.placement.id}/jobs?workplace=onsite`)).toEqual([
      'Staff Nurse',
    ]);
  });

  test('a changed placement shows in its very next list, cached or not', async () => {
    const { body } = await create(alice, { filters: { companies: ['Leidos'] } }).expect(201);
    const url = `/api/v1/placements/${body.placement.id}/jobs`;
    expect(await titles(url)).toEqual(['Full Stack Developer']);
    const etag = (await h.api.get(url).expect(200)).headers.etag!;
    await h.api.get(url).set('if-none-match', etag).expect(304);
    await h.api
      .patch(`/api/v1/placements/${body.placement.id}`)
      .set(alice.auth)
      .send({ filters: { companies: ['Han Staffing'] } })
      .expect(200);
    expect(await titles(url)).toEqual(['Staff Nurse']);
  });
});
