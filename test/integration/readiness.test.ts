import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import supertest from 'supertest';
import { createApp } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { createQueues, type Queues } from '../../src/queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { createRedis } from '../../src/queue/redis';
import { startHarness, type Harness } from '../helpers/harness';
import { startRedis, type RedisServer } from '../services/redis';

describe('/healthz and /readyz', () => {
  let h: Harness;
  let dir: string;
  let server: RedisServer;
  let redis: Redis;
  let queues: Queues;
  let api: ReturnType<typeof supertest>;

  beforeAll(async () => {
    h = await startHarness({ workers: false });
    dir = mkdtempSync(join(tmpdir(), 'jobfeed-readyz-'));
    server = await startRedis({ dataDir: dir, logFile: join(dir, 'redis.log') });
    redis = createRedis(server.url, 'producer');
    queues = createQueues(redis, h.config.queuePrefix, ingestJobOptions(h.config.worker));
    // The API process logs these; here the outage is on purpose.
    for (const queue of [queues.ingest, queues.scheduler]) queue.on('error', () => undefined);
    api = supertest(createApp({ db: h.db, logger: createLogger(h.config), config: h.config, redis, queues }));
  });

  afterAll(async () => {
    await queues.close();
    await redis.quit();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    await h.close();
  });

  test('ready while MongoDB and Redis answer', async () => {
    await api.get('/healthz').expect(200, { status: 'ok' });
    const res = await api.get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready', checks: { mongodb: 'ok', redis: 'ok' } });
  });

  test('503 naming Redis while the Redis it uses is stopped, 200 again once it is back on the same port', async () => {
    const port = Number(new URL(server.url).port);
    await server.stop();

    const down = await api.get('/readyz').expect(503);
    expect(down.body).toEqual({
      status: 'unavailable',
      checks: { mongodb: 'ok', redis: 'failed' },
      error: { code: 'not_ready', message: 'Not ready: redis did not answer' },
    });
    await api.get('/healthz').expect(200);
    await api.get('/metrics').expect(200);

    server = await startRedis({ dataDir: dir, logFile: join(dir, 'redis.log'), port });
    const deadline = Date.now() + 15_000;
    let status = 503;
    while (status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await api.get('/readyz')).status;
    }
    expect(status).toBe(200);
  });
});
