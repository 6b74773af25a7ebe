import { rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { AppError } from '../../errors';
import { recruiterOf } from './recruiter-auth';

export interface RecruiterRateLimit {
  /** Names the counter in Redis: "api", "preview". */
  name: string;
  windowMs: number;
  limit: number;
  redis: Redis;
  keyPrefix: string;
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
    keyGenerator: (_req, res) => String(recruiterOf(res)._id),
    store: new RedisStore({
      prefix: `${options.keyPrefix}:rate-limit:${options.name}:`,
      sendCommand: (command: string, ...args: string[]) =>
        options.redis.call(command, ...args) as Promise<RedisReply>,
    }),
    // Redis being away must not take the recruiter API down with it; the request goes through unlimited.
    passOnStoreError: true,
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
