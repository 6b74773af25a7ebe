import { randomUUID } from 'node:crypto';
import type { RedisClient } from './redis';
import { holdLease, LUA_NOW_MS, type Lease } from './redis-leases';

/**
 * A counting semaphore per partner host, in Redis so it holds across worker processes: a sorted set of lease ids
 * scored by expiry (Redis's own clock). A lease is renewed while held; a killed worker's lease simply expires.
 */
const ACQUIRE = `${LUA_NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

export interface HostSlots {
  /** A lease on one of the host's slots, or null when all are taken. */
  tryAcquire(host: string): Promise<Lease | null>;
}

export function createHostSlots(
  redis: RedisClient,
  options: { prefix: string; limit: number; leaseMs?: number },
): HostSlots {
  const leaseMs = options.leaseMs ?? 60_000;
  return {
    async tryAcquire(host) {
      const key = `${options.prefix}:fetch-host:${host.toLowerCase()}`;
      const id = randomUUID();
      const acquired = await redis.eval(ACQUIRE, 1, key, options.limit, leaseMs, id);
      if (acquired !== 1) return null;
      return holdLease(redis, key, id, leaseMs);
    },
  };
}
