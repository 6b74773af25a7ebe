import { once } from 'node:events';
import { startApi, type RunningApi } from '../../src/api/server';
import { createLogger } from '../../src/logger';
import { createRedis } from '../../src/queue/redis';
import type { Harness } from './harness';

/**
 * The real API listening on a port beside a harness, with a Redis connection of its own, as the browser tests load
 * it; `close` stops both.
 */
export async function startListeningApi(h: Harness): Promise<RunningApi> {
  const redis = createRedis(h.config.redisUrl, 'producer');
  // A producer connection does not queue commands: the rate limiter loads its script only once it is ready.
  await once(redis, 'ready');
  const api = await startApi({
    config: h.config,
    db: h.db,
    logger: createLogger(h.config),
    redis,
    queues: h.queues,
  });
  return {
    ...api,
    async close() {
      await api.close();
      await redis.quit();
    },
  };
}
