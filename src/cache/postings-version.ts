import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../queue/redis';
import { holdLease, LUA_NOW_MS } from '../queue/redis-leases';

/**
 * One Redis counter per deployment (namespaced by QUEUE_PREFIX): an ingest that changed postings increments it,
 * and every API process drops its cached responses when it sees a new value.
 */
export function postingsVersionKey(prefix: string): string {
  return `${prefix}:postings-version`;
}

/**
 * The postings writes under way: a sorted set of writer ids scored by expiry (Redis's own clock), renewed while a
 * writer writes, so a killed worker's mark simply expires. Beside it a counter of write phases ever begun, which
 * tells a reader that a write phase began and ended between two of its reads. Both keys share the prefix, so one
 * slot on a Redis Cluster (QUEUE_PREFIX holds a hash tag there).
 */
export function postingsWritersKey(prefix: string): string {
  return `${prefix}:postings-writers`;
}

export function postingsWritesBegunKey(prefix: string): string {
  return `${prefix}:postings-writes-begun`;
}

const BEGIN = `${LUA_NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('INCR', KEYS[2])
return 1`;

const READ = `${LUA_NOW_MS}
local writers = redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf')
return { redis.call('GET', KEYS[1]) or '0', writers, redis.call('GET', KEYS[3]) or '0' }`;

/** How long a writer's mark outlives its last renewal: a killed worker holds the read caches back this long. */
const WRITER_TTL_MS = 30_000;

export async function bumpPostingsVersion(redis: RedisClient, prefix: string): Promise<void> {
  await redis.incr(postingsVersionKey(prefix));
}

export async function readPostingsVersion(redis: RedisClient, prefix: string): Promise<string> {
  return (await redis.get(postingsVersionKey(prefix))) ?? '0';
}

/** What a read cache needs in one round trip: the version, the writers writing now, and the write phases begun. */
export interface PostingsState {
  version: string;
  writers: number;
  writesBegun: string;
}

export async function readPostingsState(redis: RedisClient, prefix: string): Promise<PostingsState> {
  const keys = [postingsVersionKey(prefix), postingsWritersKey(prefix), postingsWritesBegunKey(prefix)];
  const [version, writers, writesBegun] = (await redis.eval(READ, keys.length, ...keys)) as [
    string,
    number,
    string,
  ];
  return { version, writers, writesBegun };
}

/** Ends a write phase begun by beginPostingsWrite: call it after the version bump, whether the writes succeeded or not. */
export type EndPostingsWrite = () => Promise<void>;

/**
 * Marks postings as being written until the returned function is called (or, for a killed process, until the mark
 * expires): read caches neither store what they render meanwhile nor drop the consistent answers they hold.
 */
export async function beginPostingsWrite(
  redis: RedisClient,
  prefix: string,
  ttlMs = WRITER_TTL_MS,
): Promise<EndPostingsWrite> {
  const writersKey = postingsWritersKey(prefix);
  const id = randomUUID();
  await redis.eval(BEGIN, 2, writersKey, postingsWritesBegunKey(prefix), ttlMs, id);
  const lease = holdLease(redis, writersKey, id, ttlMs);
  return () => lease.release();
}
