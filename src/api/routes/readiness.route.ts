import { Router } from 'express';
import type { RedisClient } from '../../queue/redis';
import type { z } from 'zod';
import type { Database } from '../../data/database';
import type { READINESS_VERDICTS, readinessResponse } from '../schemas/responses.schema';

export const READY_TIMEOUT_MS = 2_000;

type Check = () => Promise<unknown>;
type Verdict = (typeof READINESS_VERDICTS)[number];

/**
 * GET /readyz for load balancers and orchestrators: 200 when MongoDB and Redis both answer within READY_TIMEOUT_MS,
 * else 503 naming the one that did not (the reason goes to the log, not to the public answer).
 */
export function readinessRouter(deps: { db: Database; redis?: RedisClient }): Router {
  const { redis } = deps;
  const checks: Record<string, Check> = { mongodb: () => deps.db.ping() };
  if (redis) checks.redis = () => redis.ping();
  const router = Router();
  router.get('/readyz', async (req, res) => {
    const names = Object.keys(checks);
    const verdicts = await Promise.all(
      names.map((name) =>
        probe(checks[name]!).catch((error: unknown) => {
          req.log.warn({ dependency: name, err: error }, 'readiness check failed');
          return 'failed' as const;
        }),
      ),
    );
    const failed = names.filter((_, i) => verdicts[i] !== 'ok');
    res
      .status(failed.length ? 503 : 200)
      .set('cache-control', 'no-store')
      .json({
        status: failed.length ? 'unavailable' : 'ready',
        checks: Object.fromEntries(names.map((name, i) => [name, verdicts[i]!])),
        ...(failed.length && {
          error: { code: 'not_ready', message: `Not ready: ${failed.join(' and ')} did not answer` },
        }),
      } satisfies z.input<typeof readinessResponse>);
  });
  return router;
}

/** 'ok', 'timeout', or a rejection carrying the reason. */
async function probe(check: Check): Promise<Verdict> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Verdict>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().then(() => 'ok' as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
