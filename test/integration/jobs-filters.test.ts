import { Types } from 'mongoose';
import { startHarness, type Harness } from '../helpers/harness';
import { preparedPosting as posting, seedPostings } from '../helpers/postings';

describe('GET /api/v1/jobs/recent filtered by category, country and workplace', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ workers: false });
    await seedPostings(
      h.db,
      new Types.ObjectId(),
      [
        posting('f1', {
          title: 'Backend Engineer (Remote)',
          remote: true,
          workplace: 'remote',
          place: { city: null, region: null, country: 'US' },
          category: 'engineering',
          seniority: 'senior',
          postedAt: new Date('2026-11-10T00:00:00Z'),
        }),
        posting('f2', {
          title: 'Staff Nurse',
          workplace: 'onsite',
          place: { city: 'Berlin', region: null, country: 'DE' },
          category: 'healthcare',
          postedAt: new Date('2026-11-09T00:00:00Z'),
        }),
        posting('f3', {
          title: 'Data Analyst [Hybrid]',
          workplace: 'hybrid',
          place: { city: 'Berlin', region: null, country: 'DE' },
          category: 'data',
          postedAt: new Date('2026-11-08T00:00:00Z'),
        }),
        posting('f4', { title: 'Line Cook', postedAt: new Date('2026-11-07T00:00:00Z') }),
      ],
      new Date('2026-11-20T00:00:00Z'),
    );
  });
  afterAll(async () => {
    await h.close();
  });

  const titles = async (query: string) =>
    ((await h.api.get(`/api/v1/jobs/recent?${query}`).expect(200)).body.jobs as { title: string }[]).map(
      (job) => job.title,
    );

  test('each filter keeps the postings that match it, and they combine', async () => {
    expect(await titles('category=data')).toEqual(['Data Analyst [Hybrid]']);
    expect(await titles('country=DE')).toEqual(['Staff Nurse', 'Data Analyst [Hybrid]']);
    expect(await titles('country=de')).toEqual(['Staff Nurse', 'Data Analyst [Hybrid]']);
    expect(await titles('workplace=remote')).toEqual(['Backend Engineer (Remote)']);
    expect(await titles('workplace=onsite&country=DE')).toEqual(['Staff Nurse']);
    expect(await titles('category=other')).toEqual(['Line Cook']);
    expect(await titles('country=FR')).toEqual([]);
  });

  test('the summary carries workplace, place, category, seniority and remote', async () => {
    const [job] = (await h.api.get('/api/v1/jobs/recent?workplace=remote').expect(200)).body.jobs;
    expect(job).toMatchObject({
      remote: true,
      workplace: 'remote',
      place: { city: null, region: null, country: 'US' },
      category: 'engineering',
      seniority: 'senior',
    });
    const detail = (await h.api.get(`/api/v1/jobs/${job.id}`).expect(200)).body.job;
    expect(detail).toMatchObject({ workplace: 'remote', category: 'engineering', location: 'Berlin' });
  });

  test.each([
    ['category=plumbing', 'category'],
    ['country=DEU', 'country'],
    ['country=1', 'country'],
    ['workplace=office', 'workplace'],
    ['workplace=remote&workplace=hybrid', 'workplace'],
    ['country[$ne]=US', 'country[$ne]'],
    ['category[$in]=data', 'category[$in]'],
  ])('?%s is a 400 naming %s', async (query, field) => {
    const res = await h.api.get(`/api/v1/jobs/recent?${query}`).expect(400);
    expect(res.body.error).toMatchObject({
      code: 'validation_failed',
      fields: [expect.objectContaining({ field })],
    });
  });

  test('each filter has a declared index that leads with the listed flag and ends with the sort keys', async () => {
    const indexes = await h.db.connection.collection('postings').indexes();
    const keys = indexes.map((index) => JSON.stringify(index.key));
    for (const field of ['category', 'place.country', 'workplace'])
      expect(keys).toContain(JSON.stringify({ listed: 1, [field]: 1, listedAt: -1, _id: -1 }));
  });
});
