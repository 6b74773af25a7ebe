import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import supertest from 'supertest';
import { createApp } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { createQueues } from '../../src/queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { createRedis, logRedisOutages, type RedisClient } from '../../src/queue/redis';
import { startHarness, type Harness } from '../helpers/harness';
import { addRecruiter, indeedFeed, xmlHandler } from '../helpers/recruiters';
import { waitFor } from '../helpers/wait-for';
import { startRedis, type RedisServer } from '../services/redis';
import { freePort } from '../services/server-process';

describe('rate limits per API key, shared by every API process through Redis', () => {
  let h: Harness;
  const otherConnections: RedisClient[] = [];

  beforeAll(async () => {
    h = await startHarness({
      workers: false,
      env: { RATE_LIMIT_MAX: '3', RATE_LIMIT_PREVIEW_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000' },
    });
  });
  afterAll(async () => {
    for (const redis of otherConnections) redis.disconnect();
    await h.close();
  });

  /** Another API process's own Redis connection, closed after the tests. */
  function secondRedis(): RedisClient {
    const redis = createRedis(h.config.redisUrl, 'worker');
    otherConnections.push(redis);
    return redis;
  }

  /** A second API app with its own Redis connection, as another API process would have. */
  function secondApi() {
    const redis = secondRedis();
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

  interface LogLine {
    level: number;
    msg: string;
    err?: { message: string };
  }

  /** An API app on `redis` whose log lines are kept, with the Redis outage logging of the API process. */
  function appWithLog(redis: RedisClient) {
    const lines: LogLine[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    logRedisOutages(redis, logger);
    const queues = createQueues(redis, h.config.queuePrefix, ingestJobOptions(h.config.worker));
    for (const queue of [queues.ingest, queues.scheduler]) queue.on('error', () => undefined);
    return { api: supertest(createApp({ db: h.db, logger, config: h.config, redis, queues })), lines };
  }

  test('while Redis is away requests go through unlimited, logged once for the outage and once when it is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobfeed-redis-outage-'));
    const port = await freePort();
    const redisFiles = { port, dataDir: join(dir, 'data'), logFile: join(dir, 'redis.log') };
    let server: RedisServer | undefined = await startRedis(redisFiles);
    const redis = createRedis(server.url, 'producer');
    try {
      const { api, lines } = appWithLog(redis);
      await waitFor(() => redis.status === 'ready', 'the API to reach Redis');
      const gina = await addRecruiter(h.db);
      const feeds = () => api.get('/api/v1/feeds').set(gina.auth).expect(200);
      expect((await feeds()).headers.ratelimit).toMatch(/remaining=2/);

      await server.stop();
      server = undefined;
      await waitFor(() => redis.status !== 'ready', 'the API to lose Redis');
      for (let i = 0; i < 5; i++) {
        expect((await feeds()).headers.ratelimit).toBeUndefined();
        await api.get('/api/v1/feeds').set('authorization', 'Bearer wrong').expect(401);
      }

      server = await startRedis(redisFiles);
      await waitFor(async () => (await feeds()).headers.ratelimit, 'the rate limit to count again');

      const said = (msg: string) => lines.filter((line) => line.msg === msg).length;
      expect(said('Redis is not reachable at REDIS_URL; reconnecting')).toBe(1);
      expect(said('Redis is reachable again')).toBe(1);
      expect(lines.filter((line) => line.level >= 50 || /from store/.test(line.msg))).toEqual([]);
    } finally {
      redis.disconnect();
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  test('a store error that is not an outage is logged as an error, and the request goes through', async () => {
    const { api, lines } = appWithLog(secondRedis());
    const hana = await addRecruiter(h.db);
    // A counter that is no counter: the store's INCR fails with WRONGTYPE.
    const counter = `${h.config.queuePrefix}:rate-limit:api:${hana.id}`;
    await h.redis.hset(counter, 'not', 'a number');
    await h.redis.pexpire(counter, 60_000);

    await api.get('/api/v1/feeds').set(hana.auth).expect(200);

    expect(lines.filter((line) => line.level >= 50)).toEqual([
      expect.objectContaining({
        msg: expect.stringMatching(/error from store/),
        err: expect.objectContaining({ message: expect.stringMatching(/^WRONGTYPE/) }),
      }),
    ]);
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
