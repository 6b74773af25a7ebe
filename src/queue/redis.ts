import { once } from 'node:events';
import { Redis } from 'ioredis';
import { AppError } from '../errors';

/**
 * Workers block on Redis and must wait through reconnects (maxRetriesPerRequest: null); producers such as the API
 * fail fast instead of queueing commands while Redis is away.
 */
export function createRedis(url: string, role: 'worker' | 'producer'): Redis {
  return role === 'worker'
    ? new Redis(url, { maxRetriesPerRequest: null })
    : new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 });
}

/**
 * A producer connection once it is ready; an unreachable Redis is an error that says which variable to check,
 * instead of commands failing one by one (producers do not queue them).
 */
export async function connectProducer(url: string): Promise<Redis> {
  const redis = createRedis(url, 'producer');
  try {
    await once(redis, 'ready');
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new AppError(
      'redis_unreachable',
      `Redis is not reachable at REDIS_URL (${(error as Error).message}): check the URL and that Redis is running`,
    );
  }
}

/** BullMQ loses jobs if Redis evicts keys; anything but noeviction deserves a loud warning at start. */
export async function readEvictionPolicy(redis: Redis): Promise<string | undefined> {
  const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
  return reply[1];
}
