import { Types } from 'mongoose';
import { keywordsOf } from '../../src/api/context-rank';
import { startHarness, type Harness } from '../helpers/harness';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { addPublisher } from '../helpers/publishers';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

describe('?context= ranks recent postings by overlap with the host page', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ workers: false });
    await seedPostings(h.db, new Types.ObjectId(), [
      preparedPosting('office', {
        title: 'Office Manager',
        snippet: 'Run our front desk.',
        postedAt: hoursAgo(1),
      }),
      preparedPosting('news', {
        title: 'Foreign Correspondent',
        company: 'Daily Ledger',
        snippet: 'Report world news and elections from Brussels.',
        postedAt: hoursAgo(20),
      }),
      preparedPosting('rust', {
        title: 'Rust Compiler Engineer',
        snippet: 'Work on our WebAssembly backend.',
        postedAt: hoursAgo(30),
      }),
      preparedPosting('web', {
        title: 'Frontend Developer',
        snippet: 'TypeScript and WebAssembly in the browser.',
        postedAt: hoursAgo(10),
      }),
    ]);
  });
  afterAll(async () => {
    await h.close();
  });

  const titles = async (query: string) =>
    ((await h.api.get(`/api/v1/jobs/recent?${query}`).expect(200)).body.jobs as { title: string }[]).map(
      (job) => job.title,
    );

  test('a developer blog and a world-news article get different lists', async () => {
    expect(await titles('limit=2&context=rust%2C%20webassembly%2C%20compilers')).toEqual([
      'Rust Compiler Engineer',
      'Frontend Developer',
    ]);
    expect(await titles('limit=2&context=world+news%2C+elections')).toEqual([
      'Foreign Correspondent',
      'Office Manager',
    ]);
  });

  test('a title match outranks a snippet match, and ties and non-matches keep recency order', async () => {
    expect(await titles('context=frontend+webassembly')).toEqual([
      'Frontend Developer',
      'Rust Compiler Engineer',
      'Office Manager',
      'Foreign Correspondent',
    ]);
  });

  test('a context that matches nothing, or holds only stop words, falls back to recency', async () => {
    const newestFirst = [
      'Office Manager',
      'Frontend Developer',
      'Foreign Correspondent',
      'Rust Compiler Engineer',
    ];
    expect(await titles('context=gardening')).toEqual(newestFirst);
    expect(await titles('context=the+and+of')).toEqual(newestFirst);
  });

  test('context combines with the other filters, and a context too long is a 400 naming it', async () => {
    expect(await titles('q=webassembly&context=rust')).toEqual([
      'Rust Compiler Engineer',
      'Frontend Developer',
    ]);
    const res = await h.api.get(`/api/v1/jobs/recent?context=${'a'.repeat(501)}`).expect(400);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ field: 'context' })]);
  });

  const matched = async (url: string) =>
    ((await h.api.get(url).expect(200)).body.jobs as { title: string; matched: string[] }[]).map((job) => [
      job.title,
      job.matched,
    ]);

  test('each job ranked by context carries the keywords it matched, in the order of the context', async () => {
    expect(await matched('/api/v1/jobs/recent?context=compilers%2C+webassembly%2C+rust%2C+brussels')).toEqual(
      [
        ['Rust Compiler Engineer', ['webassembly', 'rust']],
        ['Frontend Developer', ['webassembly']],
        ['Foreign Correspondent', ['brussels']],
        ['Office Manager', []],
      ],
    );
    expect(await matched('/api/v1/jobs/recent?limit=1&context=Daily+LEDGER')).toEqual([
      ['Foreign Correspondent', ['daily', 'ledger']],
    ]);
  });

  test('a list by recency, or a context that matches nothing, carries matched: [] on every job', async () => {
    const none = [
      ['Office Manager', []],
      ['Frontend Developer', []],
      ['Foreign Correspondent', []],
      ['Rust Compiler Engineer', []],
    ];
    expect(await matched('/api/v1/jobs/recent')).toEqual(none);
    expect(await matched('/api/v1/jobs/recent?context=gardening')).toEqual(none);
    expect(await matched('/api/v1/jobs/recent?context=the+and+of')).toEqual(none);
  });

  test('cached lists keep each context its own matches', async () => {
    const rust = '/api/v1/jobs/recent?limit=2&context=rust';
    const frontend = '/api/v1/jobs/recent?limit=2&context=frontend';
    for (let round = 0; round < 2; round++) {
      expect(await matched(rust)).toEqual([
        ['Rust Compiler Engineer', ['rust']],
        ['Office Manager', []],
      ]);
      expect(await matched(frontend)).toEqual([
        ['Frontend Developer', ['frontend']],
        ['Office Manager', []],
      ]);
      expect(await matched(`${rust}&utm_source=newsletter`)).toEqual(await matched(rust));
    }
  });

  test('a placement whose context is "meta" ranks by the page and says what matched; one of "none" does not', async () => {
    const publisher = await addPublisher(h.db);
    const placementJobs = async (context: 'meta' | 'none') =>
      (
        await h.api
          .post('/api/v1/placements')
          .set(publisher.auth)
          .send({ name: context, allowedOrigins: ['https://news.example'], limit: 2, context })
          .expect(201)
      ).body.placement.jobsUrl as string;
    const meta = await placementJobs('meta');
    const none = await placementJobs('none');
    expect(await matched(`${meta}?context=world+news`)).toEqual([
      ['Foreign Correspondent', ['world', 'news']],
      ['Office Manager', []],
    ]);
    expect(await matched(`${none}?context=world+news`)).toEqual([
      ['Office Manager', []],
      ['Frontend Developer', []],
    ]);
  });

  test('a job on its own is ranked by nothing and has no matched', async () => {
    const [job] = (await h.api.get('/api/v1/jobs/recent?limit=1&context=office').expect(200)).body.jobs;
    const detail = (await h.api.get(`/api/v1/jobs/${job.id}`).expect(200)).body.job;
    expect(detail).toMatchObject({ title: 'Office Manager' });
    expect(detail).not.toHaveProperty('matched');
  });

  test('keywords are lowercased, deduplicated and keep names like C++ and .NET', () => {
    expect(keywordsOf('The C++ and .NET jobs; Rust, rust. Elections.')).toEqual([
      'c++',
      '.net',
      'rust',
      'elections',
    ]);
  });
});
