import { Types } from 'mongoose';
import { connectDatabase } from '../../src/data/database';
import type { Posting } from '../../src/data/posting.schema';
import { startHarness, type Harness } from '../helpers/harness';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { createLogger } from '../../src/logger';
import { createSchedulerProcessor } from '../../workers/scheduler.processor';
import { recordCommands } from '../helpers/query-shapes';

const DAY = 86_400_000;
const seen = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY);

describe('the listed posting of each job is decided when postings are written', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ workers: false, monitorCommands: true });
  });
  afterAll(async () => {
    await h.close();
  });

  /** A job's posting on a feed: the same title, company and location (so the same fingerprint) on every feed. */
  const twin = (
    word: string,
    job: number,
    feed: string,
    fields: Parameters<typeof preparedPosting>[1] = {},
  ) =>
    preparedPosting(`${word}-${job}-${feed}`, {
      title: `${word} role ${job}`,
      snippet: `${word}.`,
      postedAt: seen(1),
      ...fields,
    });

  async function postingsOf(word: string): Promise<Posting[]> {
    return h.db.connection
      .collection<Posting>('postings')
      .find({ terms: word.toLowerCase() })
      .sort({ externalId: 1 })
      .toArray();
  }

  /** One tick of the scheduler: due feeds, the sweep of postings past their end date, the listings' repair. */
  const sweep = () =>
    createSchedulerProcessor({ db: h.db, queues: h.queues, logger: createLogger(h.config) })();

  /** The `{ fingerprint: { $in } }` reads of the postings collection while `write` runs. */
  async function fingerprintReads(write: () => Promise<void>): Promise<number> {
    const recorder = recordCommands(h.db.connection);
    await write();
    recorder.stop();
    return recorder.events.filter(
      (e) =>
        e.commandName === 'find' &&
        e.command.find === 'postings' &&
        (e.command.filter as Record<string, unknown>).fingerprint !== undefined,
    ).length;
  }

  /** The listed posting of each job (by title), and how many postings each job has listed. */
  async function listedByJob(word: string): Promise<Map<string, string[]>> {
    const byJob = new Map<string, string[]>();
    for (const posting of await postingsOf(word))
      if (posting.listed) byJob.set(posting.title, [...(byJob.get(posting.title) ?? []), posting.externalId]);
    return byJob;
  }

  test('many look-alikes: the list is `limit` distinct jobs, each its posting seen first, read in one query of `limit`', async () => {
    const first = new Types.ObjectId();
    await seedPostings(
      h.db,
      first,
      [1, 2, 3, 4, 5, 6, 7, 8].map((job) => twin('Crowded', job, 'first', { postedAt: seen(10 + job) })),
      seen(20),
    );
    // Four later feeds carry every job again, posted more recently: the newest 32 postings are all look-alikes.
    for (const feed of ['b', 'c', 'd', 'e'])
      await seedPostings(
        h.db,
        new Types.ObjectId(),
        [1, 2, 3, 4, 5, 6, 7, 8].map((job) => twin('Crowded', job, feed, { postedAt: seen(job / 10) })),
        seen(5),
      );

    const recorder = recordCommands(h.db.connection);
    const shown = await h.db.postings.listRecent({ limit: 6, q: 'crowded' });
    recorder.stop();

    expect(shown.map((p) => p.externalId)).toEqual([1, 2, 3, 4, 5, 6].map((job) => `Crowded-${job}-first`));
    const finds = recorder.events.filter((e) => e.commandName === 'find');
    expect(finds).toHaveLength(1);
    expect(finds[0]!.command).toMatchObject({ limit: 6 });
    expect(finds[0]!.command).not.toHaveProperty('skip');
  });

  test('the listed posting expires: the job lists its next posting, through the ingest expiry and the sweep', async () => {
    const [a, b, c] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
    await seedPostings(h.db, a, [twin('Handover', 1, 'a')], seen(3));
    await seedPostings(h.db, b, [twin('Handover', 1, 'b', { validThrough: seen(-2) })], seen(2));
    await seedPostings(h.db, c, [twin('Handover', 1, 'c')], seen(1));
    expect(await listedByJob('handover')).toEqual(new Map([['Handover role 1', ['Handover-1-a']]]));

    // Feed a's fetches stop carrying it: the second miss in a row expires it.
    for (let miss = 0; miss < 2; miss++)
      await h.db.postings.expireAfterFullFetch(await h.db.postings.loadForFeed(a), new Set(), new Date());
    expect(await listedByJob('handover')).toEqual(new Map([['Handover role 1', ['Handover-1-b']]]));

    expect(await h.db.postings.expirePastValidThrough(seen(-3))).toBeGreaterThanOrEqual(1);
    expect(await listedByJob('handover')).toEqual(new Map([['Handover role 1', ['Handover-1-c']]]));
    expect((await h.db.postings.listRecent({ limit: 5, q: 'handover' })).map((p) => p.externalId)).toEqual([
      'Handover-1-c',
    ]);
  });

  test("deleting the listed posting's feed lists the job's next posting", async () => {
    const [a, b] = [new Types.ObjectId(), new Types.ObjectId()];
    await seedPostings(h.db, a, [twin('Deleted', 1, 'a')], seen(2));
    await seedPostings(h.db, b, [twin('Deleted', 1, 'b')], seen(1));
    expect(await listedByJob('deleted')).toEqual(new Map([['Deleted role 1', ['Deleted-1-a']]]));

    await h.db.postings.deleteForFeed(a);
    expect(await listedByJob('deleted')).toEqual(new Map([['Deleted role 1', ['Deleted-1-b']]]));
  });

  test('re-ingests keep one listed posting per job; a retitled posting leaves its job to the next one', async () => {
    const [a, b] = [new Types.ObjectId(), new Types.ObjectId()];
    await seedPostings(h.db, a, [twin('Reingest', 1, 'a'), twin('Reingest', 2, 'a')], seen(2));
    await seedPostings(h.db, b, [twin('Reingest', 1, 'b'), twin('Reingest', 2, 'b')], seen(1));
    const expected = new Map([
      ['Reingest role 1', ['Reingest-1-a']],
      ['Reingest role 2', ['Reingest-2-a']],
    ]);
    expect(await listedByJob('reingest')).toEqual(expected);

    // Unchanged, then changed (a new snippet), in both feeds.
    for (const snippet of ['Reingest.', 'Reingest, now with more words.']) {
      await seedPostings(
        h.db,
        b,
        [1, 2].map((job) => twin('Reingest', job, 'b', { snippet })),
        seen(0),
      );
      await seedPostings(
        h.db,
        a,
        [1, 2].map((job) => twin('Reingest', job, 'a', { snippet })),
        seen(0),
      );
      expect(await listedByJob('reingest')).toEqual(expected);
    }

    await seedPostings(h.db, a, [twin('Reingest', 1, 'a', { title: 'Reingest role 1 (renamed)' })], seen(0));
    expect(await listedByJob('reingest')).toEqual(
      new Map([
        ['Reingest role 1', ['Reingest-1-b']],
        ['Reingest role 2', ['Reingest-2-a']],
        ['Reingest role 1 (renamed)', ['Reingest-1-a']],
      ]),
    );
  });

  test('a new job is read once before its insert; a job another feed holds is read again after it', async () => {
    const [a, b] = [new Types.ObjectId(), new Types.ObjectId()];
    const jobs = [1, 2, 3];
    expect(
      await fingerprintReads(() =>
        seedPostings(
          h.db,
          a,
          jobs.map((job) => twin('Reads', job, 'a')),
          seen(2),
        ),
      ),
    ).toBe(1);
    expect(
      await fingerprintReads(() =>
        seedPostings(
          h.db,
          b,
          jobs.map((job) => twin('Reads', job, 'b')),
          seen(1),
        ),
      ),
    ).toBe(2);
    expect(await listedByJob('reads')).toEqual(
      new Map(jobs.map((job) => [`Reads role ${job}`, [`Reads-${job}-a`]])),
    );
  });

  test('two feeds writing the same jobs at the same time end with one listed posting per job, the first seen, by the next sweep', async () => {
    const jobs = Array.from({ length: 40 }, (_, i) => i + 1);
    const [a, b] = [new Types.ObjectId(), new Types.ObjectId()];
    await Promise.all([
      seedPostings(
        h.db,
        a,
        jobs.map((job) => twin('Racing', job, 'a')),
        seen(1),
      ),
      seedPostings(
        h.db,
        b,
        jobs.map((job) => twin('Racing', job, 'b')),
        seen(2),
      ),
    ]);
    await sweep();
    expect(await listedByJob('racing')).toEqual(
      new Map(jobs.map((job) => [`Racing role ${job}`, [`Racing-${job}-b`]])),
    );
  });

  test('a job a race left listed twice is listed once after the sweep; look-alikes of two owners stay listed', async () => {
    const postings = h.db.connection.collection('postings');
    const [feedA, feedB, recruiter] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
    const stored = (externalId: string, fingerprint: string, fields: Record<string, unknown>) => ({
      ...twin('Repaired', 1, externalId),
      fingerprint,
      terms: ['repaired'],
      companyKey: 'acme',
      listedAt: seen(1),
      lastSeenAt: seen(1),
      status: 'active',
      missedFetches: 0,
      listed: true,
      ...fields,
    });
    await postings.insertMany([
      // Two feeds of the operator inserted the first postings of one job at once: both listed.
      stored('later', 'repaired-race', { feedId: feedA, ownerId: null, firstSeenAt: seen(2) }),
      stored('first', 'repaired-race', { feedId: feedB, ownerId: null, firstSeenAt: seen(3) }),
      // A recruiter's posting of a look-alike with a link of its own is a job of its own: rightly listed too.
      stored('operator', 'repaired-owners', { feedId: feedA, ownerId: null, firstSeenAt: seen(3) }),
      stored('recruiter', 'repaired-owners', { feedId: feedB, ownerId: recruiter, firstSeenAt: seen(2) }),
    ]);

    expect(await sweep()).toMatchObject({ repaired: 1 });
    expect((await postingsOf('repaired')).map((p) => [p.externalId, p.listed])).toEqual([
      ['Repaired-1-first', true],
      ['Repaired-1-later', false],
      ['Repaired-1-operator', true],
      ['Repaired-1-recruiter', true],
    ]);
    expect(await sweep()).toMatchObject({ repaired: 0 });
  });

  test('postings stored before the listed flag existed get it at connect, as the rule chooses', async () => {
    const postings = h.db.connection.collection('postings');
    const feedId = new Types.ObjectId();
    const stored = (externalId: string, firstSeen: number, status: 'active' | 'expired') => ({
      ...twin('Unflagged', 1, externalId),
      terms: ['unflagged'],
      companyKey: 'acme',
      feedId,
      ownerId: null,
      listedAt: seen(1),
      firstSeenAt: seen(firstSeen),
      lastSeenAt: seen(1),
      status,
      missedFetches: 0,
    });
    await postings.insertMany([
      stored('old', 9, 'expired'),
      stored('first', 5, 'active'),
      stored('later', 2, 'active'),
    ]);
    expect(await h.db.postings.listRecent({ limit: 5, q: 'unflagged' })).toEqual([]);

    const again = await connectDatabase(h.config.mongoUrl, { dbName: h.db.connection.name });
    try {
      expect((await postingsOf('unflagged')).map((p) => [p.externalId, p.listed])).toEqual([
        ['Unflagged-1-first', true],
        ['Unflagged-1-later', false],
        ['Unflagged-1-old', false],
      ]);
      expect(
        (await again.postings.listRecent({ limit: 5, q: 'unflagged' })).map((p) => p.externalId),
      ).toEqual(['Unflagged-1-first']);
      expect(await again.postings.backfillStoredFields()).toBe(0);
    } finally {
      await again.close();
    }
  });
});
