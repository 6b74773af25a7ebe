import { once } from 'node:events';
import { Redis } from 'ioredis';
import { AppError } from '../errors';
import type { Logger } from '../logger';

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

/** Fails with the error connectProducer gives when Redis does not answer: for processes that cannot run without it. */
export async function checkRedisReachable(url: string): Promise<void> {
  (await connectProducer(url)).disconnect();
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** An error that says the connection is down (each reconnect attempt raises one), not that a command failed. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return (
    (code !== undefined && CONNECTION_ERROR_CODES.has(code)) ||
    /connection is closed|stream isn't writeable/i.test(error.message)
  );
}

/** QUIT when connected; otherwise stops reconnecting at once (QUIT would fail on a producer connection). */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit();
  else redis.disconnect();
}

/**
 * One warning when Redis goes away and one line when it is back, instead of an error (and a stack) per reconnect
 * attempt; other errors are logged as they come. Returns whether Redis is away now, for callers that receive the
 * same connection errors again (BullMQ repeats them on each queue and worker).
 */
export function logRedisOutages(redis: Redis, logger: Logger): { away(): boolean } {
  let away = false;
  redis.on('error', (error: Error) => {
    if (!isConnectionError(error)) {
      logger.error({ err: error }, 'redis error');
      return;
    }
    if (away) return;
    away = true;
    logger.warn({ reason: error.message }, 'Redis is not reachable at REDIS_URL; reconnecting');
  });
  redis.on('ready', () => {
    if (!away) return;
    away = false;
    logger.info('Redis is reachable again');
  });
  return { away: () => away || redis.status !== 'ready' };
}

/** BullMQ loses jobs if Redis evicts keys; anything but noeviction deserves a loud warning at start. */
export async function readEvictionPolicy(redis: Redis): Promise<string | undefined> {
  const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
  return reply[1];
}
