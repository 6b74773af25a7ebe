import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from 'ioredis';
import { Types } from 'mongoose';
import supertest from 'supertest';
import type { Config } from '../../config';
import { createHttpListener } from '../../src/api/http-listener';
import { postingsVersionKey, readPostingsVersion } from '../../src/cache/postings-version';
import { connectDatabase, type Database } from '../../src/data/database';
import { createLogger } from '../../src/logger';
import { createQueues, type Queues } from '../../src/queue/queues';
import {
  checkRedisReachable,
  closeRedis,
  connectProducer,
  createRedis,
  type RedisClient,
} from '../../src/queue/redis';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { startWorkers, type RunningWorkers } from '../../workers/start-workers';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { addRecruiter } from '../helpers/recruiters';
import { testConfig, uniqueName } from '../helpers/test-config';
import { waitFor } from '../helpers/wait-for';
import { startRedisCluster, type RedisClusterServer } from '../services/redis-cluster';
import { freePort } from '../services/server-process';

/**
 * The whole pipeline on a three-node Redis Cluster: partner feed over HTTP -> worker -> MongoDB -> the API's recent
 * list, with rate limits and the read cache's postings version, every connection from REDIS_CLUSTER_NODES.
 */
describe('on Redis Cluster (REDIS_CLUSTER_NODES)', () => {
  let dir: string;
  let cluster: RedisClusterServer;
  /** Listens where REDIS_URL points and counts the connections it gets. */
  let decoy: Server;
  let decoyConnections = 0;
  let config: Config;
  let db: Database;
  let workerRedis: RedisClient;
  let apiRedis: RedisClient;
  let workers: RunningWorkers;
  let queues: Queues;
  let fixtures: FixtureServer;
  let api: ReturnType<typeof supertest>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jobfeed-redis-cluster-'));
    cluster = await startRedisCluster({ dir });
    const decoyPort = await freePort();
    decoy = createServer((socket) => {
      decoyConnections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => decoy.listen(decoyPort, '127.0.0.1', resolve));
    config = testConfig({
      REDIS_URL: `redis://127.0.0.1:${decoyPort}`,
      REDIS_CLUSTER_NODES: cluster.nodes,
      QUEUE_PREFIX: `{${uniqueName('cluster')}}`,
      CACHE_VERSION_CHECK_MS: '100',
      RATE_LIMIT_MAX: '5',
      AUTH_FAILURE_MAX: '2',
    });
    const logger = createLogger(config);
    db = await connectDatabase(config.mongoUrl, {
      dbName: uniqueName('jobfeed'),
      maxPostingAgeDays: config.feeds.maxPostingAgeDays,
      publicReadPreference: config.mongoReadPreference,
    });
    // As workers/main.ts and src/api/server.ts connect: the worker's connection waits through outages, the API's fails fast.
    workerRedis = createRedis(config, 'worker');
    workers = await startWorkers({ config, db, redis: workerRedis, logger });
    apiRedis = await connectProducer(config);
    queues = createQueues(apiRedis, config.queuePrefix, ingestJobOptions(config.worker));
    api = supertest(createHttpListener({ db, logger, redis: apiRedis, config, queues }));
    fixtures = await startFixtureServer();
  }, 45_000);

  afterAll(async () => {
    await workers?.close();
    await queues?.close();
    await fixtures?.close();
    await db?.connection.dropDatabase();
    await db?.close();
    if (apiRedis) await closeRedis(apiRedis);
    if (workerRedis) await closeRedis(workerRedis);
    await new Promise((resolve) => decoy?.close(resolve));
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('every connection is a Cluster client on the three primaries', async () => {
    expect(workerRedis).toBeInstanceOf(Cluster);
    expect(apiRedis).toBeInstanceOf(Cluster);
    expect((workerRedis as Cluster).nodes('master')).toHaveLength(3);
  });

  test('a recruiter feed is polled, ingested and listed, and the version bump refreshes the cached list', async () => {
    const alice = await addRecruiter(db);
    const before = await api.get('/api/v1/jobs/recent?limit=10').expect(200);
    expect(before.body.jobs).toEqual([]);
    expect(await readPostingsVersion(apiRedis, config.queuePrefix)).toBe('0');

    fixtures.serveFile('/recent-posts.xml', 'recent-posts.xml');
    const created = await api
      .post('/api/v1/feeds')
      .set(alice.auth)
      .send({ url: `${fixtures.url}/recent-posts.xml`, name: 'Recent Posts' })
      .expect(201);
    const feedId: string = created.body.feed.id;

    // The empty list stays cached for CACHE_MAX_AGE_SECONDS (30 s) unless the worker's version bump drops it.
    const listed = await waitFor(
      async () => {
        const res = await api.get('/api/v1/jobs/recent?limit=10').expect(200);
        return res.body.jobs.length > 0 && res.body.jobs;
      },
      'the ingested postings in the recent list',
      20_000,
    );
    expect(listed).toHaveLength(5);
    expect(listed.map((job: { company: string }) => job.company)).toContain('Han Staffing');
    expect(Number(await readPostingsVersion(apiRedis, config.queuePrefix))).toBeGreaterThanOrEqual(1);
    const runs = await db.feedRuns.listForFeed(new Types.ObjectId(feedId));
    expect(runs[0]).toMatchObject({ status: 'succeeded', counts: expect.objectContaining({ inserted: 5 }) });

    const manual = await api.post(`/api/v1/feeds/${feedId}/run`).set(alice.auth).expect(202);
    expect(manual.body).toMatchObject({ queued: true });
    const again = await api.post(`/api/v1/feeds/${feedId}/run`).set(alice.auth).expect(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await waitFor(
      async () => (await queues.ingest.getJobState(manual.body.jobId)) === 'completed',
      'the manual run to complete',
    );
  }, 30_000);

  test('the recruiter rate limit is counted on the cluster: over it is a 429', async () => {
    const bob = await addRecruiter(db);
    for (let i = 0; i < 5; i++) await api.get('/api/v1/feeds').set(bob.auth).expect(200);
    const limited = await api.get('/api/v1/feeds').set(bob.auth).expect(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  test('failed authentications are counted on the cluster: past the limit every request is a 429', async () => {
    const carol = await addRecruiter(db);
    const wrong = { authorization: 'Bearer jf_wrong_key_that_matches_no_recruiter' };
    await api.get('/api/v1/feeds').set(wrong).expect(401);
    await api.get('/api/v1/feeds').set(wrong).expect(401);
    await api.get('/api/v1/feeds').set(wrong).expect(429);
    await api.get('/api/v1/feeds').set(carol.auth).expect(429);
  });

  test('every key jobfeed wrote carries the hash tag: one slot, one primary', async () => {
    const primaries = (apiRedis as Cluster).nodes('master');
    const keys = (await Promise.all(primaries.map((node) => node.keys('*')))).flat();
    expect(keys).toEqual(
      expect.arrayContaining([
        postingsVersionKey(config.queuePrefix),
        expect.stringContaining(':rate-limit:api:'),
        expect.stringContaining(':rate-limit:auth-failures:'),
        expect.stringContaining(':manual-run:'),
        expect.stringContaining(':ingest:'),
        expect.stringContaining(':scheduler:'),
      ]),
    );
    expect(keys.every((key) => key.startsWith(config.queuePrefix))).toBe(true);
    const slots = new Set(await Promise.all(keys.map((key) => apiRedis.call('CLUSTER', 'KEYSLOT', key))));
    expect(slots.size).toBe(1);
  });

  test('REDIS_URL is never used: its listener got no connection', () => {
    expect(decoyConnections).toBe(0);
  });

  test('a cluster that does not answer stops a process with one line naming REDIS_CLUSTER_NODES', async () => {
    const closed = await freePort();
    await expect(
      checkRedisReachable({
        redisUrl: config.redisUrl,
        redisClusterNodes: [{ host: '127.0.0.1', port: closed }],
      }),
    ).rejects.toThrow(
      /^Redis is not reachable at REDIS_CLUSTER_NODES \(.+\): check the nodes and that Redis is running$/,
    );
  });
});
