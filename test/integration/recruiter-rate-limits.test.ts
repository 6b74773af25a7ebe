import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { createApp } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { createQueues } from '../../src/queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { createRedis } from '../../src/queue/redis';
import { startHarness, type Harness } from '../helpers/harness';
import { addRecruiter, indeedFeed, xmlHandler } from '../helpers/recruiters';
import { waitFor } from '../helpers/wait-for';
import { startRedis, type RedisServer } from '../services/redis';
import { freePort } from '../services/server-process';

describe('rate limits per API key, shared by every API process through Redis', () => {
  let h: Harness;
  const otherProcess = { redis: undefined as ReturnType<typeof createRedis> | undefined };

  beforeAll(async () => {
    h = await startHarness({
      workers: false,
      env: { RATE_LIMIT_MAX: '3', RATE_LIMIT_PREVIEW_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000' },
    });
  });
  afterAll(async () => {
    otherProcess.redis?.disconnect();
    await h.close();
  });

  /** A second API app with its own Redis connection, as another API process would have. */
  function secondApi() {
    const redis = createRedis(h.config.redisUrl, 'worker');
    otherProcess.redis = redis;
    const queues = createQueues(redis, h.config.queuePrefix, ingestJobOptions(h.config.worker));
    return supertest(
      createApp({ db: h.db, logger: createLogger(h.config), config: h.config, redis, queues }),
    );
  }

  test('the limit counts requests to any API process; over it is a 429 with Retry-After; other keys are unaffected', async () => {
    const alice = await addRecruiter(h.db);
    const bob = await addRecruiter(h.db);
    const other = secondApi();

    await h.api.get('/api/v1/feeds').set(alice.auth).expect(200);
    const second = await other.get('/api/v1/feeds').set(alice.auth).expect(200);
    expect(second.headers.ratelimit).toMatch(/remaining=1/);
    await h.api.get('/api/v1/feeds').set(alice.auth).expect(200);

    const limited = await other.get('/api/v1/feeds').set(alice.auth).expect(429);
    expect(limited.body.error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/at most 3/),
    });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await h.api.get('/api/v1/feeds').set(alice.auth).expect(429);

    await h.api.get('/api/v1/feeds').set(bob.auth).expect(200);
  });

  test('previews have their own, lower limit', async () => {
    const carol = await addRecruiter(h.db);
    h.fixtures.handle(
      '/feed.xml',
      xmlHandler(
        indeedFeed(['<title>Role</title><url>https://jobs.example.com/1</url><company>Acme</company>']),
      ),
    );
    const preview = () =>
      h.api
        .post('/api/v1/feeds/preview')
        .set(carol.auth)
        .send({ url: `${h.fixtures.url}/feed.xml` });
    await preview().expect(200);
    await preview().expect(200);
    const limited = await preview().expect(429);
    expect(limited.body.error.message).toMatch(/at most 2 preview requests/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(h.fixtures.requests('/feed.xml')).toBe(2);
    const dave = await addRecruiter(h.db);
    await h.api
      .post('/api/v1/feeds/preview')
      .set(dave.auth)
      .send({ url: `${h.fixtures.url}/feed.xml` })
      .expect(200);
  });

  test('an API started while Redis was away limits again once Redis answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobfeed-late-redis-'));
    const port = await freePort();
    const late = createRedis(`redis://127.0.0.1:${port}`, 'producer');
    late.on('error', () => undefined);
    let server: RedisServer | undefined;
    try {
      const queues = createQueues(late, h.config.queuePrefix, ingestJobOptions(h.config.worker));
      for (const queue of [queues.ingest, queues.scheduler]) queue.on('error', () => undefined);
      const api = supertest(
        createApp({ db: h.db, logger: createLogger(h.config), config: h.config, redis: late, queues }),
      );
      const erin = await addRecruiter(h.db);
      // No Redis: the request goes through, unlimited.
      expect((await api.get('/api/v1/feeds').set(erin.auth).expect(200)).headers.ratelimit).toBeUndefined();

      server = await startRedis({ port, dataDir: join(dir, 'data'), logFile: join(dir, 'redis.log') });
      await waitFor(
        async () => (await api.get('/api/v1/feeds').set(erin.auth)).headers.ratelimit,
        'the rate limit to count in the Redis that came up',
      );
      let status = 200;
      for (let i = 0; i < 3 && status === 200; i++)
        status = (await api.get('/api/v1/feeds').set(erin.auth)).status;
      expect(status).toBe(429);
    } finally {
      late.disconnect();
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
