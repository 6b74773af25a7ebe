import { once } from 'node:events';
import { types } from 'node:util';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../../config';
import { AppError } from '../errors';
import type { Logger } from '../logger';

/** A standalone Redis or a Redis Cluster: every command jobfeed sends works on both. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: REDIS_CLUSTER_NODES when it lists any node, else REDIS_URL. */
export type RedisTarget = Pick<Config, 'redisUrl' | 'redisClusterNodes'>;

const ROLE_OPTIONS = {
  // Workers block on Redis and must wait through reconnects.
  worker: { maxRetriesPerRequest: null },
  // Producers such as the API fail fast instead of queueing commands while Redis is away.
  producer: { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 },
} satisfies Record<string, RedisOptions>;

/** The variable an operator checks when Redis does not answer. */
export function redisVariable(target: string | RedisTarget): string {
  return typeof target !== 'string' && target.redisClusterNodes.length > 0
    ? 'REDIS_CLUSTER_NODES'
    : 'REDIS_URL';
}

/**
 * The one place jobfeed opens a Redis connection: a Cluster client when REDIS_CLUSTER_NODES lists nodes, else one
 * to REDIS_URL (or to the URL given, for tools and tests). On a Cluster the role's options apply to each node's
 * connection, and a producer's commands fail while the cluster is not ready instead of waiting for it.
 */
export function createRedis(target: string, role: 'worker' | 'producer'): Redis;
export function createRedis(target: RedisTarget, role: 'worker' | 'producer'): RedisClient;
export function createRedis(target: string | RedisTarget, role: 'worker' | 'producer'): RedisClient {
  const options = ROLE_OPTIONS[role];
  if (typeof target === 'string') return new Redis(target, options);
  if (target.redisClusterNodes.length === 0) return new Redis(target.redisUrl, options);
  // ioredis queues commands on each node's own connection regardless; the cluster-wide queue is what a producer turns off.
  const { enableOfflineQueue = true, ...redisOptions } = options as RedisOptions;
  return new Cluster(target.redisClusterNodes, { redisOptions, enableOfflineQueue });
}

/**
 * A producer connection once it is ready; an unreachable Redis is an error that says which variable to check,
 * instead of commands failing one by one (producers do not queue them).
 */
export async function connectProducer(target: RedisTarget): Promise<RedisClient> {
  const redis = createRedis(target, 'producer');
  try {
    await once(redis, 'ready');
    return redis;
  } catch (error) {
    redis.disconnect();
    const variable = redisVariable(target);
    throw new AppError(
      'redis_unreachable',
      `Redis is not reachable at ${variable} (${(error as Error).message}): check the ${variable === 'REDIS_URL' ? 'URL' : 'nodes'} and that Redis is running`,
    );
  }
}

/** Fails with the error connectProducer gives when Redis does not answer: for processes that cannot run without it. */
export async function checkRedisReachable(target: RedisTarget): Promise<void> {
  (await connectProducer(target)).disconnect();
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
  // Not `instanceof Error`: node's own errors (ECONNREFUSED) come from another realm under a jest vm context.
  if (!types.isNativeError(error)) return false;
  const code = (error as { code?: string }).code;
  return (
    (code !== undefined && CONNECTION_ERROR_CODES.has(code)) ||
    /connection is closed|stream isn't writeable|failed to refresh slots cache|cluster isn't ready/i.test(
      error.message,
    )
  );
}

/** QUIT when connected; otherwise stops reconnecting at once (QUIT would fail on a producer connection). */
export async function closeRedis(redis: RedisClient): Promise<void> {
  if (redis.status === 'ready') await redis.quit();
  else redis.disconnect();
}

/**
 * One warning when Redis goes away and one line when it is back, instead of an error (and a stack) per reconnect
 * attempt; other errors are logged as they come. Returns whether Redis is away now, for callers that receive the
 * same connection errors again (BullMQ repeats them on each queue and worker).
 */
export function logRedisOutages(
  redis: RedisClient,
  logger: Logger,
  variable = 'REDIS_URL',
): { away(): boolean } {
  let away = false;
  redis.on('error', (error: Error) => {
    if (!isConnectionError(error)) {
      logger.error({ err: error }, 'redis error');
      return;
    }
    if (away) return;
    away = true;
    logger.warn({ reason: error.message }, `Redis is not reachable at ${variable}; reconnecting`);
  });
  redis.on('ready', () => {
    if (!away) return;
    away = false;
    logger.info('Redis is reachable again');
  });
  return { away: () => away || redis.status !== 'ready' };
}

/** BullMQ loses jobs if Redis evicts keys; anything but noeviction deserves a loud warning at start. */
export async function readEvictionPolicy(redis: RedisClient): Promise<string | undefined> {
  // On a Cluster every primary holds keys; the first one not on noeviction is the answer.
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const policies = await Promise.all(
    nodes.map(async (node) => ((await node.config('GET', 'maxmemory-policy')) as string[])[1]),
  );
  return policies.find((policy) => policy !== 'noeviction') ?? policies[0];
}
