import type { RedisClient } from './redis';

/** Lua: `now`, the Redis server's clock in milliseconds, so the leases of every process expire by one clock. */
export const LUA_NOW_MS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

const RENEW = `${LUA_NOW_MS}
if not redis.call('ZSCORE', KEYS[1], ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

export interface Lease {
  release(): Promise<void>;
}

/**
 * Keeps lease `id` of the sorted set `key` (members scored by their expiry, added by the caller's own script)
 * alive until released, renewing it every third of `ttlMs`: a killed process's lease simply expires.
 */
export function holdLease(redis: RedisClient, key: string, id: string, ttlMs: number): Lease {
  const renewal = setInterval(() => {
    redis.eval(RENEW, 1, key, ttlMs, id).catch(() => undefined);
  }, ttlMs / 3);
  renewal.unref();
  return {
    async release() {
      clearInterval(renewal);
      await redis.zrem(key, id);
    },
  };
}
