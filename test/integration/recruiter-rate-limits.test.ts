import supertest from 'supertest';
import { createApp } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { createQueues } from '../../src/queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { createRedis } from '../../src/queue/redis';
import { startHarness, type Harness } from '../helpers/harness';
import { addRecruiter, indeedFeed, xmlHandler } from '../helpers/recruiters';

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
});
