import { scheduleDueFeeds } from '../../src/queue/schedule-due-feeds';
import { startHarness, type Harness } from '../helpers/harness';

describe('scheduling polls from MongoDB', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ workers: false });
  });
  afterAll(async () => {
    await h.close();
  });

  test('schedulers racing on the same due feeds queue each poll once and move nextRunAt on once', async () => {
    const now = new Date('2026-11-28T12:00:00Z');
    const due = await Promise.all(
      [1, 2, 3].map((n) =>
        h.db.feeds.create({ name: `f${n}`, url: `https://p${n}.example/feed`, intervalMinutes: 30 }, now),
      ),
    );
    const notDue = await h.db.feeds.create(
      { name: 'later', url: 'https://later.example/feed', intervalMinutes: 30 },
      new Date(now.getTime() + 60_000),
    );
    const paused = await h.db.feeds.create(
      { name: 'paused', url: 'https://paused.example/feed', intervalMinutes: 30 },
      now,
    );
    await h.db.feeds.updateOwned(String(paused._id), 'all', { paused: true });

    const dueCounts = await Promise.all([1, 2, 3, 4].map(() => scheduleDueFeeds(h.db, h.queues, now)));

    expect(dueCounts.every((count) => count <= 3)).toBe(true);
    const jobs = await h.queues.ingest.getJobs(['waiting', 'delayed', 'active']);
    expect(jobs.map((job) => job.data.feedId).sort()).toEqual(due.map((f) => String(f._id)).sort());
    for (const feed of due) {
      expect((await h.db.feeds.findById(feed._id))!.nextRunAt).toEqual(new Date(now.getTime() + 30 * 60_000));
    }
    expect(jobs.some((job) => job.data.feedId === String(notDue._id))).toBe(false);
  });

  test('a wiped Redis loses no feed: the next tick queues every due feed again from MongoDB', async () => {
    const nextDay = new Date('2026-11-29T12:00:00Z');
    await h.queues.ingest.obliterate({ force: true });

    const due = await scheduleDueFeeds(h.db, h.queues, nextDay);

    expect(due).toBe(4);
    const jobs = await h.queues.ingest.getJobs(['waiting']);
    const names = await Promise.all(
      jobs.map(async (job) => (await h.db.feeds.findById(job.data.feedId))!.name),
    );
    expect(names.sort()).toEqual(['f1', 'f2', 'f3', 'later']);
  });
});
