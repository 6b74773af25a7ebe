import type { RedisClient } from '../queue/redis';

/**
 * One Redis counter per deployment (namespaced by QUEUE_PREFIX): an ingest that changed postings increments it,
 * and every API process drops its cached responses when it sees a new value.
 */
export function postingsVersionKey(prefix: string): string {
  return `${prefix}:postings-version`;
}

export async function bumpPostingsVersion(redis: RedisClient, prefix: string): Promise<void> {
  await redis.incr(postingsVersionKey(prefix));
}

export async function readPostingsVersion(redis: RedisClient, prefix: string): Promise<string> {
  return (await redis.get(postingsVersionKey(prefix))) ?? '0';
}
