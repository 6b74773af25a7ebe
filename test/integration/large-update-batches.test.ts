import { Types } from 'mongoose';
import type { RolledCount } from '../../src/data/event-rollup.repository';
import { rssFeed } from '../helpers/generated-feed';
import { startHarness, type Harness } from '../helpers/harness';

/**
 * More matched updates than FerretDB 1.24 can hold in update commands under way (about 100) before it stops
 * answering (src/data/bulk-updates.ts).
 */
const MANY = 150;
/**
 * On FerretDB each of these updates is a command and a collection scan of its own: seconds alone, and several times
 * that on a loaded CI machine. The bound is for a hang, which is what these tests would find without the fix.
 */
jest.setTimeout(120_000);

/** One impression and one click on each of `n` postings of the anonymous widget. */
function anonymousCounts(n: number): RolledCount[] {
  return Array.from({ length: n }, () => ({
    placementId: null,
    publisherId: null,
    postingId: new Types.ObjectId(),
    feedId: new Types.ObjectId(),
    ranking: 'recency',
    impressions: 1,
    clicks: 1,
  }));
}

describe('updates of hundreds of stored documents at once', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  test('a re-ingest that changes every posting of a large batch rewrites them all', async () => {
    let title = 'Planner';
    h.fixtures.handle('/many.rss', (_req, res) => {
      const items = Array.from({ length: MANY }, (_, i) => ({ id: `many-${i}`, title: `${title} ${i}` }));
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(items));
    });
    const feed = await h.db.feeds.create({
      name: 'many',
      url: `${h.fixtures.url}/many.rss`,
      intervalMinutes: 60,
    });
    expect(await h.runFeed(String(feed._id))).toMatchObject({ counts: { inserted: MANY } });

    title = 'Scheduler';
    expect(await h.runFeed(String(feed._id))).toMatchObject({
      status: 'succeeded',
      counts: { inserted: 0, updated: MANY },
    });
    const stored = await h.db.postings.listForFeed(feed._id);
    expect(stored.filter((posting) => posting.title.startsWith('Scheduler'))).toHaveLength(MANY);
    // Every posting is its own job: all listed, after a rewrite that moved each to a new fingerprint.
    expect(stored.filter((posting) => posting.listed)).toHaveLength(MANY);
  });

  test('a roll-up adds a second batch to hundreds of counters of the day', async () => {
    const day = '2026-11-30';
    const counts = anonymousCounts(MANY);
    await h.db.eventRollup.applyBatch('batch-1', day, counts);
    await h.db.eventRollup.applyBatch('batch-2', day, counts);

    const stored = await h.db.connection.collection('event_counts').find({ day }).toArray();
    expect(stored).toHaveLength(MANY);
    expect(stored.filter((count) => count.impressions === 2 && count.clicks === 2)).toHaveLength(MANY);
  });

  test('four roll-ups at once, each adding to counters of its own', async () => {
    const day = '2026-11-29';
    const rollUps = ['a', 'b', 'c', 'd'].map((name) => ({
      name,
      counts: anonymousCounts(60),
    }));
    for (const { name, counts } of rollUps) await h.db.eventRollup.applyBatch(`${name}-1`, day, counts);
    // Concurrent updates of one document are not atomic on FerretDB: each roll-up has documents of its own.
    await Promise.all(
      rollUps.map(({ name, counts }) => h.db.eventRollup.applyBatch(`${name}-2`, day, counts)),
    );

    const stored = await h.db.connection.collection('event_counts').find({ day }).toArray();
    expect(stored.filter((count) => count.impressions === 2 && count.clicks === 2)).toHaveLength(240);
  });
});
