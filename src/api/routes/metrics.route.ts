import { Router } from 'express';
import type { Registry } from 'prom-client';
import { requireToken } from '../middleware/admin-auth';

/** GET /metrics in Prometheus text format; behind METRICS_TOKEN (bearer or Basic password) when it is set. */
export function metricsRouter(registry: Registry, token: string | undefined): Router {
  const router = Router();
  if (token) router.use('/metrics', requireToken(token, 'jobfeed metrics'));
  router.get('/metrics', async (_req, res) => {
    res
      .set('cache-control', 'no-store')
      .type(registry.contentType)
      .send(await registry.metrics());
  });
  return router;
}
