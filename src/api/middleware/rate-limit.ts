import { rateLimit, type AugmentedRequest, type Options } from 'express-rate-limit';
import type { RequestHandler, Response } from 'express';
import { Cluster } from 'ioredis';
import type { Logger } from '../../logger';
import { isConnectionError, type RedisClient } from '../../queue/redis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { AppError } from '../../errors';
import { recruiterOf } from './recruiter-auth';

export interface RecruiterRateLimit {
  /** Names the counter in Redis: "api", "preview". */
  name: string;
  windowMs: number;
  limit: number;
  redis: RedisClient;
  keyPrefix: string;
  logger: Logger;
  /** Whose requests are counted: the recruiter requireRecruiter authenticated, unless told otherwise. */
  accountOf?: (res: Response) => { _id: unknown };
}

/**
 * rate-limit-redis loads its scripts once, in init; an API started while Redis was away would keep the failed load
 * and never limit again. This store loads them again whenever the connection becomes ready.
 */
class ReconnectingRedisStore extends RedisStore {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    super({
      prefix,
      sendCommand: (command: string, ...args: string[]) => sendCommand(redis, command, args),
    });
  }

  override async init(options: Options): Promise<void> {
    // Set by super.init too, which waits for Redis: a request before then fails on Redis, not on a missing window.
    this.windowMs = options.windowMs;
    this.redis.on('ready', () => void super.init(options).catch(() => undefined));
    if (this.redis.status === 'ready') await super.init(options);
  }
}

/**
 * A command for rate-limit-redis. On a Cluster a command without a key goes to any one node, but EVALSHA runs where
 * its key lives: SCRIPT LOAD goes to every primary so the script is there whichever node holds the counter.
 */
async function sendCommand(redis: RedisClient, command: string, args: string[]): Promise<RedisReply> {
  if (!(redis instanceof Cluster) || command.toUpperCase() !== 'SCRIPT') {
    return redis.call(command, ...args) as Promise<RedisReply>;
  }
  const replies = await Promise.all(redis.nodes('master').map((node) => node.call(command, ...args)));
  return replies[0] as RedisReply;
}

function redisStore(redis: RedisClient, prefix: string): RedisStore {
  return new ReconnectingRedisStore(redis, prefix);
}

/**
 * express-rate-limit's warnings and store errors as log lines. While Redis is away every request would log its
 * connection error: those are left to the process's one warning per outage and one line when Redis is back
 * (logRedisOutages), and the requests go through unlimited meanwhile (passOnStoreError).
 */
function limiterLogger(logger: Logger): Options['logger'] {
  const log = logger.child({ module: 'rate-limit' });
  return {
    warn: (warning: unknown, message?: string) => log.warn({ err: warning }, message ?? 'rate limit warning'),
    error: (error: unknown, message?: string) => {
      if (!isConnectionError(error)) log.error({ err: error }, message ?? 'rate limit error');
    },
  };
}

/**
 * Requests per API key per window, counted in Redis so the limit holds across every API process (a per-process
 * memory store would multiply it by the number of processes). Mount after requireRecruiter. Over the limit: a 429
 * with Retry-After. express-rate-limit and rate-limit-redis do the windowing, headers and atomic Lua increment that
 * hand-written INCR/PEXPIRE code would have to get right.
 */
export function recruiterRateLimit(options: RecruiterRateLimit): RequestHandler {
  const seconds = Math.ceil(options.windowMs / 1000);
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (_req, res) => String((options.accountOf ?? recruiterOf)(res)._id),
    store: redisStore(options.redis, `${options.keyPrefix}:rate-limit:${options.name}:`),
    // Redis being away must not take the recruiter API down with it; the request goes through unlimited.
    passOnStoreError: true,
    logger: limiterLogger(options.logger),
    handler: (_req, _res, next) => {
      next(
        new AppError(
          'rate_limited',
          `Too many requests: at most ${options.limit} ${options.name} requests per ${seconds} s for each API key. Retry after the time in the Retry-After header.`,
          { status: 429 },
        ),
      );
    },
  });
}

export type AuthFailureLimit = Omit<RecruiterRateLimit, 'name'>;

/**
 * Failed authentications (401s) per client address per window, across every API process. Mount before the
 * authentication it guards: an address over the limit gets a 429 with Retry-After for every request, valid
 * credentials included, and never reaches the key lookup. Each request counts while it runs and is taken back when
 * it did not end in a 401, so a burst of guesses sent at once is cut off at the limit too. Addresses are
 * express-rate-limit's default key: req.ip (behind the trusted proxies), IPv6 by its /56.
 */
export function authFailureLimit(options: AuthFailureLimit): RequestHandler {
  const seconds = Math.ceil(options.windowMs / 1000);
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: false,
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    store: redisStore(options.redis, `${options.keyPrefix}:rate-limit:auth-failures:`),
    passOnStoreError: true,
    logger: limiterLogger(options.logger),
    handler: (req, res, next) => {
      const resetTime =
        (req as AugmentedRequest).rateLimit?.resetTime?.getTime() ?? Date.now() + options.windowMs;
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil((resetTime - Date.now()) / 1000))));
      next(
        new AppError(
          'rate_limited',
          `Too many failed authentications from your address: at most ${options.limit} per ${seconds} s. Retry after the time in the Retry-After header.`,
          { status: 429 },
        ),
      );
    },
  });
}
