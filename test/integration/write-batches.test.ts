import { rssFeed } from '../helpers/generated-feed';
import { startHarness, type Harness } from '../helpers/harness';
import { recordCommands } from '../helpers/query-shapes';

describe('write batches of a large feed', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ monitorCommands: true });
  });
  afterAll(async () => {
    await h.close();
  });

  test('start at 500 postings and double, each with one look-up of its fingerprints', async () => {
    const items = Array.from({ length: 3600 }, (_, i) => ({ id: `batch-${i}`, title: `Role number ${i}` }));
    h.fixtures.handle('/large.rss', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(items));
    });
    const feed = await h.db.feeds.create({
      name: 'large',
      url: `${h.fixtures.url}/large.rss`,
      intervalMinutes: 60,
    });
    const recorder = recordCommands(h.db.connection);
    try {
      const run = await h.runFeed(String(feed._id));
      expect(run).toMatchObject({ status: 'succeeded', counts: { inserted: 3600 } });
    } finally {
      recorder.stop();
    }

    const onPostings = recorder.events.filter((event) => event.command[event.commandName] === 'postings');
    const inserts = onPostings.filter((event) => event.commandName === 'insert');
    expect(inserts.map((event) => (event.command.documents as unknown[]).length)).toEqual([
      500, 1000, 2000, 100,
    ]);
    const lookups = onPostings.filter(
      (event) =>
        event.commandName === 'find' && (event.command.filter as { fingerprint?: unknown }).fingerprint,
    );
    // Every fingerprint is new, so nothing is settled after the inserts: one read per batch.
    expect(lookups).toHaveLength(4);
  });
});
