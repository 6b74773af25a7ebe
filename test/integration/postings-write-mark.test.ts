import { Types } from 'mongoose';
import { readPostingsState } from '../../src/cache/postings-version';
import { startHarness, type Harness } from '../helpers/harness';
import { spawnLoggedProcess, type LoggedProcess } from '../helpers/logged-process';
import { hoursAgo, preparedPosting, seedPostings } from '../helpers/postings';
import { waitFor } from '../helpers/wait-for';

const TTL_MS = 3000;

describe('the postings write mark of a writer that is killed', () => {
  let h: Harness;
  let writer: LoggedProcess | undefined;
  const feedId = new Types.ObjectId();

  beforeAll(async () => {
    h = await startHarness({ env: { CACHE_VERSION_CHECK_MS: '100' } });
    await seedPostings(h.db, feedId, [
      preparedPosting('first', { title: 'First Role', postedAt: hoursAgo(3) }),
    ]);
  });
  afterEach(async () => {
    writer?.kill();
    await writer?.exited;
    await waitFor(async () => (await writers()) === 0, 'the write mark gone');
  });
  afterAll(async () => {
    await h.close();
  });

  const writers = async () => (await readPostingsState(h.redis, h.config.queuePrefix)).writers;
  const titles = async (url: string) =>
    ((await h.api.get(url).expect(200)).body as { jobs: { title: string }[] }).jobs.map((job) => job.title);

  async function startWriter(): Promise<LoggedProcess> {
    writer = spawnLoggedProcess(['test/helpers/hold-postings-write.ts'], {
      REDIS_URL: h.config.redisUrl,
      QUEUE_PREFIX: h.config.queuePrefix,
      WRITE_MARK_TTL_MS: String(TTL_MS),
    });
    await writer.waitForLog('write begun');
    return writer;
  }

  test('lasts while the writer lives, renewed past its time to live, and ends within it once the writer is killed', async () => {
    const live = await startWriter();
    await new Promise((resolve) => setTimeout(resolve, 2 * TTL_MS));
    expect(await writers()).toBe(1);

    live.child.kill('SIGKILL');
    await live.exited;
    const killedAt = Date.now();
    expect(await writers()).toBe(1);
    await waitFor(async () => (await writers()) === 0, 'the killed writer mark expired', 3 * TTL_MS);
    expect(Date.now() - killedAt).toBeLessThan(2 * TTL_MS);
  });

  test('keeps the read cache from storing a render until it expires, and no longer', async () => {
    const url = '/api/v1/jobs/recent?limit=7';
    const killed = await startWriter();
    killed.child.kill('SIGKILL');
    await killed.exited;

    // Rendered while the mark lasts: not stored, so a posting written next is in the following answer.
    expect(await titles(url)).toEqual(['First Role']);
    await seedPostings(h.db, feedId, [
      preparedPosting('during', { title: 'During Role', postedAt: hoursAgo(2) }),
    ]);
    expect(await titles(url)).toEqual(['During Role', 'First Role']);
    expect(await writers()).toBe(1);

    await waitFor(async () => (await writers()) === 0, 'the killed writer mark expired', 3 * TTL_MS);
    // The cache reads the writers off the request path: a render once it has read them gone is stored, so a
    // posting written without an ingest stays hidden.
    expect(await titles(url)).toEqual(['During Role', 'First Role']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await titles(url)).toEqual(['During Role', 'First Role']);
    await seedPostings(h.db, feedId, [
      preparedPosting('after', { title: 'After Role', postedAt: hoursAgo(1) }),
    ]);
    expect(await titles(url)).toEqual(['During Role', 'First Role']);
  });
});
