import type { Types } from 'mongoose';
import { rssFeed, type GeneratedItem } from '../helpers/generated-feed';
import { startHarness, type Harness } from '../helpers/harness';
import { recordCommands } from '../helpers/query-shapes';
import { waitFor } from '../helpers/wait-for';

const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify']);
const MAPPING = { items: 'rss.channel.item', fields: { externalId: 'guid', title: 'title', url: 'link' } };

describe('re-ingest of a body the last successful read had', () => {
  let h: Harness;

  beforeAll(async () => {
    // One attempt: a poll whose body breaks off fails at once instead of being retried. Any share of the feed's
    // postings is a complete read: the read after the broken one carries far fewer postings than it left.
    h = await startHarness({ monitorCommands: true, env: { INGEST_ATTEMPTS: '1', EXPIRY_MIN_SHARE: '0' } });
  });
  afterAll(async () => {
    await h.close();
  });

  /** A partner without ETag or Last-Modified, serving `state.body`. */
  function partner(path: string) {
    const state = { body: '' };
    h.fixtures.handle(path, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(state.body);
    });
    return state;
  }

  const items = (prefix: string, count: number, title = 'Engineer'): GeneratedItem[] =>
    Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i + 1}`, title: `${title} ${i + 1}` }));

  async function addFeed(path: string, extra: { mapping?: typeof MAPPING } = {}) {
    return h.db.feeds.create({ name: path, url: `${h.fixtures.url}${path}`, intervalMinutes: 60, ...extra });
  }

  async function postings(feedId: Types.ObjectId) {
    const stored = await h.db.postings.listForFeed(feedId);
    return Object.fromEntries(stored.map((p) => [p.externalId, { title: p.title, status: p.status }]));
  }

  async function lastSeen(feedId: Types.ObjectId) {
    const stored = await h.db.postings.listForFeed(feedId);
    return Object.fromEntries(stored.map((p) => [p.externalId, p.lastSeenAt.getTime()]));
  }

  /** Runs one poll, returning its run and the commands it sent that write to postings. */
  async function pollRecording(feedId: Types.ObjectId) {
    const recorder = recordCommands(h.db.connection);
    try {
      const run = await h.runFeed(String(feedId));
      const writes = recorder.events.filter(
        (event) => WRITE_COMMANDS.has(event.commandName) && event.command[event.commandName] === 'postings',
      );
      return { run, writes };
    } finally {
      recorder.stop();
    }
  }

  test('an unchanged body without ETag writes no posting, and its run says unchanged with the counts', async () => {
    const feedState = partner('/same.rss');
    feedState.body = rssFeed(items('same', 30));
    const feed = await addFeed('/same.rss');
    const first = await pollRecording(feed._id);
    expect(first.run).toMatchObject({ status: 'succeeded', counts: { inserted: 30 } });
    expect(first.writes.length).toBeGreaterThan(0);
    const seenByFirst = await lastSeen(feed._id);
    expect(Object.keys(seenByFirst)).toHaveLength(30);

    const again = await pollRecording(feed._id);

    expect(again.run).toMatchObject({
      status: 'unchanged',
      format: 'rss',
      counts: { seen: 30, inserted: 0, updated: 0, unchanged: 30, rejected: 0 },
    });
    expect(again.writes).toEqual([]);
    expect(await lastSeen(feed._id)).toEqual(seenByFirst);
  });

  test('a changed body is read again and its changes written', async () => {
    const feedState = partner('/changed.rss');
    feedState.body = rssFeed(items('changed', 5));
    const feed = await addFeed('/changed.rss');
    await h.runFeed(String(feed._id));

    feedState.body = rssFeed([...items('changed', 4), { id: 'changed-5', title: 'Renamed 5' }]);
    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'succeeded', counts: { updated: 1, unchanged: 4 } });
    expect((await postings(feed._id))['changed-5']).toEqual({ title: 'Renamed 5', status: 'active' });
  });

  test('a changed mapping reads the same body again', async () => {
    const feedState = partner('/mapped.rss');
    feedState.body = rssFeed(items('mapped', 3));
    const feed = await addFeed('/mapped.rss', { mapping: MAPPING });
    await h.runFeed(String(feed._id));
    expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'unchanged' });

    const byDescription = { ...MAPPING, fields: { ...MAPPING.fields, title: 'description' } };
    await h.db.feeds.updateOwned(String(feed._id), 'all', { mapping: byDescription });
    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({ status: 'succeeded', counts: { updated: 3 } });
    expect((await postings(feed._id))['mapped-1']).toEqual({
      title: 'Build and run services for posting mapped-1.',
      status: 'active',
    });
  });

  test('postings of an unchanged feed stay listed, and one it dropped still expires on its second miss', async () => {
    const feedState = partner('/kept.rss');
    feedState.body = rssFeed(items('kept', 3, 'Keptrole'));
    const feed = await addFeed('/kept.rss');
    await h.runFeed(String(feed._id));
    feedState.body = rssFeed(items('kept', 2, 'Keptrole'));
    expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'succeeded' });

    expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'unchanged' });
    expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'unchanged' });

    expect(await postings(feed._id)).toEqual({
      'kept-1': { title: 'Keptrole 1', status: 'active' },
      'kept-2': { title: 'Keptrole 2', status: 'active' },
      'kept-3': { title: 'Keptrole 3', status: 'expired' },
    });
    const listed = await h.api.get('/api/v1/jobs/recent?limit=50&q=keptrole').expect(200);
    expect((listed.body.jobs as { title: string }[]).map((job) => job.title).sort()).toEqual([
      'Keptrole 1',
      'Keptrole 2',
    ]);
  });

  test('after a read that broke off having written postings, the same body as before is read in full', async () => {
    const path = '/broken.rss';
    const original = rssFeed(items('kept', 5));
    // Over one digest segment of padding first, so the changed read passes postings on before its body ends.
    const changed = rssFeed(items('partial', 520)).replace(
      '<channel>',
      `<channel><!-- ${'x'.repeat(1_200_000)} -->`,
    );
    let breakOff = false;
    h.fixtures.handle(path, async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      if (!breakOff) return void res.end(original);
      res.write(changed.slice(0, changed.lastIndexOf('<item>')));
      await waitFor(
        () => h.db.postings.countActive(feed._id).then((count) => count > 5),
        'the broken read to write postings',
      );
      res.destroy();
    });
    const feed = await addFeed(path);
    await h.runFeed(String(feed._id));
    breakOff = true;
    expect((await h.runJob(String(feed._id))).failedReason).toBeDefined();
    const partial = await h.db.postings.countActive(feed._id);
    expect(partial).toBeGreaterThan(5);

    breakOff = false;
    // Trusting the digests of the read before would leave the broken read's postings listed for good.
    const run = await h.runFeed(String(feed._id));
    expect(run).toMatchObject({ status: 'succeeded', counts: { unchanged: 5 }, expirySkipped: null });
    expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'unchanged' });

    const states = Object.entries(await postings(feed._id));
    expect(states.filter(([id, p]) => id.startsWith('partial') && p.status === 'active')).toEqual([]);
    expect(states.filter(([, p]) => p.status === 'active').map(([id]) => id)).toHaveLength(5);
  }, 90_000);
});
