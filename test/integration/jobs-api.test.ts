import { Types } from 'mongoose';
import { startHarness, type Harness } from '../helpers/harness';
import { preparedPosting as posting, seedPostings } from '../helpers/postings';

describe('GET /api/v1/jobs/recent and /api/v1/jobs/:id', () => {
  let h: Harness;
  const feedA = new Types.ObjectId();
  const feedB = new Types.ObjectId();

  beforeAll(async () => {
    h = await startHarness({ workers: false });
    const seenAt = new Date('2026-11-20T00:00:00Z');
    await seedPostings(
      h.db,
      feedA,
      [
        posting('a1', { title: 'Node.js Engineer', postedAt: new Date('2026-11-10T00:00:00Z') }),
        posting('a2', {
          title: 'Remote Designer',
          remote: true,
          company: 'Globex',
          postedAt: new Date('2026-11-09T00:00:00Z'),
        }),
        posting('a3', { title: 'Undated job', postedAt: null }),
        posting('a4', {
          title: 'C++ (Senior)',
          snippet: 'Regex characters .* must match literally',
          postedAt: new Date('2026-11-08T00:00:00Z'),
        }),
      ],
      seenAt,
    );
    // The same Node.js job, posted again later on another partner's feed with a newer date.
    await seedPostings(
      h.db,
      feedB,
      [posting('b1', { title: 'Node.js Engineer', postedAt: new Date('2026-11-11T00:00:00Z') })],
      new Date('2026-11-21T00:00:00Z'),
    );
  });
  afterAll(async () => {
    await h.close();
  });

  const titles = (body: { jobs: { title: string }[] }) => body.jobs.map((j) => j.title);

  test('lists newest first, an undated posting by when it was first seen, each job once across feeds (as first seen)', async () => {
    const res = await h.api.get('/api/v1/jobs/recent').expect(200);
    expect(titles(res.body)).toEqual(['Undated job', 'Node.js Engineer', 'Remote Designer', 'C++ (Senior)']);
    expect(res.body.jobs[1]).toMatchObject({
      postedAt: '2026-11-10T00:00:00.000Z',
      url: 'https://jobs.example.com/a1',
    });
  });

  test('filters by limit, remote, company (any case) and q (literally, never as a pattern)', async () => {
    expect(titles((await h.api.get('/api/v1/jobs/recent?limit=2').expect(200)).body)).toHaveLength(2);
    expect(titles((await h.api.get('/api/v1/jobs/recent?remote=true').expect(200)).body)).toEqual([
      'Remote Designer',
    ]);
    expect(titles((await h.api.get('/api/v1/jobs/recent?company=GLOBEX').expect(200)).body)).toEqual([
      'Remote Designer',
    ]);
    expect(titles((await h.api.get('/api/v1/jobs/recent?q=c%2B%2B').expect(200)).body)).toEqual([
      'C++ (Senior)',
    ]);
    expect(titles((await h.api.get('/api/v1/jobs/recent?q=.*').expect(200)).body)).toEqual(['C++ (Senior)']);
    expect(titles((await h.api.get('/api/v1/jobs/recent?company=.*').expect(200)).body)).toEqual([]);
  });

  test.each([
    ['limit=0', 'limit'],
    ['limit=51', 'limit'],
    ['limit=abc', 'limit'],
    ['remote=yes', 'remote'],
    ['company=a&company=b', 'company'],
    ['company[$ne]=x', 'company[$ne]'],
    ['q[$regex]=.*', 'q[$regex]'],
  ])('?%s is a 400 naming %s', async (query, field) => {
    const res = await h.api.get(`/api/v1/jobs/recent?${query}`).expect(400);
    expect(res.body.error).toMatchObject({
      code: 'validation_failed',
      fields: [expect.objectContaining({ field })],
    });
  });

  test('a posting by id has its details; an unknown or malformed id is a JSON 404', async () => {
    const [first] = (await h.api.get('/api/v1/jobs/recent?q=designer').expect(200)).body.jobs;
    const res = await h.api.get(`/api/v1/jobs/${first.id}`).expect(200);
    expect(res.body.job).toMatchObject({
      id: first.id,
      title: 'Remote Designer',
      remote: true,
      location: 'Berlin',
    });
    await h.api.get(`/api/v1/jobs/${new Types.ObjectId()}`).expect(404);
    const malformed = await h.api.get('/api/v1/jobs/not-an-id').expect(404);
    expect(malformed.body).toEqual({ error: { code: 'not_found', message: 'Job not found' } });
  });

  test('an unknown route is a JSON 404 and /healthz answers', async () => {
    expect((await h.api.get('/nope').expect(404)).body.error.code).toBe('not_found');
    expect((await h.api.get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
  });
});
