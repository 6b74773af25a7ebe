import { startHarness, type Harness } from '../helpers/harness';
import { xmlHandler } from '../helpers/recruiters';

const TOMORROW = new Date(Date.now() + 86_400_000);

describe('the SSRF guard on a real ingest, FETCH_ALLOW_PRIVATE off', () => {
  let h: Harness;
  let port: string;

  beforeAll(async () => {
    h = await startHarness({ env: { FETCH_ALLOW_PRIVATE: 'false' } });
    port = new URL(h.fixtures.url).port;
    h.fixtures.handle('/feed.xml', xmlHandler('<source><job><title>Reached</title></job></source>'));
  });
  afterAll(async () => {
    await h.close();
  });

  test.each([
    ['::127.0.0.1', '::7f00:1 is an IPv4-compatible address'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1 is an IPv4-mapped loopback address'],
  ])(
    'a feed at http://[%s]:PORT/ to a server on 127.0.0.1 fails for good before connecting',
    async (host, reason) => {
      const before = h.fixtures.requests('/feed.xml');
      const feed = await h.db.feeds.create(
        { name: host, url: `http://[${host}]:${port}/feed.xml`, intervalMinutes: 60 },
        TOMORROW,
      );

      const run = await h.runFeed(String(feed._id));

      expect(run).toMatchObject({ status: 'failed', attempts: 1 });
      expect(run.error).toContain(`refused: ${reason}`);
      expect(h.fixtures.requests('/feed.xml')).toBe(before);
    },
  );
});
