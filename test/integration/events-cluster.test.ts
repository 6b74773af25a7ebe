import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cluster } from 'ioredis';
import { Types } from 'mongoose';
import supertest from 'supertest';
import type { Config } from '../../config';
import { createHttpListener } from '../../src/api/http-listener';
import { connectDatabase, type Database } from '../../src/data/database';
import { rollUpEvents } from '../../src/events/roll-up-events';
import { createLogger } from '../../src/logger';
import { eventMetrics } from '../../src/metrics/event-metrics';
import { createMetricsRegistry } from '../../src/metrics/registry';
import { createQueues, type Queues } from '../../src/queue/queues';
import { closeRedis, connectProducer, createRedis, type RedisClient } from '../../src/queue/redis';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { beacon, eventCounts, PERSON } from '../helpers/events';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { testConfig, uniqueName } from '../helpers/test-config';
import { startRedisCluster, type RedisClusterServer } from '../services/redis-cluster';

describe('impressions and clicks on Redis Cluster (REDIS_CLUSTER_NODES)', () => {
  let dir: string;
  let cluster: RedisClusterServer;
  let config: Config;
  let db: Database;
  let apiRedis: RedisClient;
  let workerRedis: RedisClient;
  let queues: Queues;
  let api: ReturnType<typeof supertest>;
  const feedId = new Types.ObjectId();
  let postings: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jobfeed-events-cluster-'));
    cluster = await startRedisCluster({ dir });
    config = testConfig({ REDIS_CLUSTER_NODES: cluster.nodes, QUEUE_PREFIX: `{${uniqueName('events')}}` });
    const logger = createLogger(config);
    db = await connectDatabase(config.mongoUrl, { dbName: uniqueName('jobfeed') });
    apiRedis = await connectProducer(config);
    workerRedis = createRedis(config, 'worker');
    queues = createQueues(apiRedis, config.queuePrefix, ingestJobOptions(config.worker));
    api = supertest(createHttpListener({ db, logger, redis: apiRedis, config, queues }));
    await seedPostings(db, feedId, [preparedPosting('k1'), preparedPosting('k2')]);
    postings = (await db.postings.listForFeed(feedId)).map((posting) => String(posting._id));
  }, 45_000);

  afterAll(async () => {
    await queues?.close();
    await db?.connection.dropDatabase();
    await db?.close();
    if (apiRedis) await closeRedis(apiRedis);
    if (workerRedis) await closeRedis(workerRedis);
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('visitors’ keys spread over the slots, batches stay on the prefix’s slot, and the roll-up counts each once', async () => {
    const visitors = Array.from({ length: 12 }, (_, i) => ({
      'user-agent': PERSON,
      'x-forwarded-for': `192.0.2.${i + 1}`,
    }));
    for (const visitor of visitors) {
      for (const _ of [1, 2]) {
        await api
          .post('/api/v1/events')
          .set(visitor)
          .set('content-type', 'text/plain;charset=UTF-8')
          .send(beacon(null, postings))
          .expect(202);
      }
      await api.get(`/r/${postings[0]}`).set(visitor).expect(302);
    }

    const primaries = (apiRedis as Cluster).nodes('master');
    const keys = (await Promise.all(primaries.map((node) => node.keys('*')))).flat();
    const slotOf = (key: string) => apiRedis.call('CLUSTER', 'KEYSLOT', key) as Promise<number>;
    const bare = config.queuePrefix.replace(/[{}]/g, '');
    const visitorKeys = keys.filter((key) => key.startsWith(`${bare}:events:{`));
    expect(visitorKeys.length).toBeGreaterThanOrEqual(visitors.length);
    expect(new Set(await Promise.all(visitorKeys.map(slotOf))).size).toBeGreaterThan(1);
    const prefixed = keys.filter((key) => key.startsWith(config.queuePrefix));
    expect(prefixed).toEqual(expect.arrayContaining([expect.stringContaining(':events:batch:')]));
    expect(new Set(await Promise.all(prefixed.map(slotOf))).size).toBe(1);

    const outcome = await rollUpEvents(
      {
        db,
        redis: workerRedis,
        prefix: config.queuePrefix,
        metrics: eventMetrics(createMetricsRegistry('worker')),
        logger: createLogger(config),
      },
      new Date(Date.now() + 2 * 60_000),
    );
    expect(outcome.batches).toBeGreaterThanOrEqual(1);
    const counts = await eventCounts(db, { feedId });
    const byPosting = Object.fromEntries(
      counts.map((count) => [String(count.postingId), [count.impressions, count.clicks]]),
    );
    expect(byPosting).toEqual({
      [postings[0]!]: [visitors.length, visitors.length],
      [postings[1]!]: [visitors.length, 0],
    });
  }, 30_000);
});
