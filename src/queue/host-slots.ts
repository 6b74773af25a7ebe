import { randomUUID } from 'node:crypto';
import type { RedisClient } from './redis';

/**
 * A counting semaphore per partner host, in Redis so it holds across worker processes: a sorted set of lease ids
 * scored by expiry (Redis's own clock). A lease is renewed while held; a killed worker's lease simply expires.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if not redis.call('ZSCORE', KEYS[1], ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

export interface HostLease {
  release(): Promise<void>;
}

export interface HostSlots {
  /** A lease on one of the host's slots, or null when all are taken. */
  tryAcquire(host: string): Promise<HostLease | null>;
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
      const renewal = setInterval(() => {
        redis.eval(RENEW, 1, key, leaseMs, id).catch(() => undefined);
      }, leaseMs / 3);
      renewal.unref();
      return {
        async release() {
          clearInterval(renewal);
          await redis.zrem(key, id);
        },
      };
    },
  };
}
