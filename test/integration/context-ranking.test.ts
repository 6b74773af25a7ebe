import { Types } from 'mongoose';
import { keywordsOf } from '../../src/api/context-rank';
import { startHarness, type Harness } from '../helpers/harness';
import { preparedPosting, seedPostings } from '../helpers/postings';

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

  test('keywords are lowercased, deduplicated and keep names like C++ and .NET', () => {
    expect(keywordsOf('The C++ and .NET jobs; Rust, rust. Elections.')).toEqual([
      'c++',
      '.net',
      'rust',
      'elections',
    ]);
  });
});
