import { Router } from 'express';
import type { Registry } from 'prom-client';
import { requireToken } from '../middleware/admin-auth';

/**
 * GET /metrics in Prometheus text format; behind METRICS_TOKEN (bearer or Basic password) when it is set. `text` is
 * the registry's own unless the process is one of several (API_PROCESSES) whose sum it answers.
 */
export function metricsRouter(
  registry: Registry,
  token: string | undefined,
  text: () => Promise<string> = () => registry.metrics(),
): Router {
  const router = Router();
  if (token) router.use('/metrics', requireToken(token, 'jobfeed metrics'));
  router.get('/metrics', async (_req, res) => {
    res
      .set('cache-control', 'no-store')
      .type(registry.contentType)
      .send(await text());
  });
  return router;
}
