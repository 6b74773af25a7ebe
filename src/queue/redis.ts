import { Redis } from 'ioredis';

/**
 * Workers block on Redis and must wait through reconnects (maxRetriesPerRequest: null); producers such as the API
 * fail fast instead of queueing commands while Redis is away.
 */
export function createRedis(url: string, role: 'worker' | 'producer'): Redis {
  return role === 'worker'
    ? new Redis(url, { maxRetriesPerRequest: null })
    : new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 });
}

/** BullMQ loses jobs if Redis evicts keys; anything but noeviction deserves a loud warning at start. */
export async function readEvictionPolicy(redis: Redis): Promise<string | undefined> {
  const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
  return reply[1];
}
