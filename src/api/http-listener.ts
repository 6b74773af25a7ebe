import type { RequestListener } from 'node:http';
import { createApp, type AppDependencies } from './app';
import { createReadCache } from './read-cache';
import { createApiMetrics } from '../metrics/api-metrics';
import { httpMetrics } from '../metrics/http-metrics';

/**
 * What the HTTP server runs: the read cache's fast path in front of Express. A GET whose exact URL was rendered
 * recently is answered from memory without entering Express (its router and response helpers cost most of a
 * cached request); everything else, including every validation error, goes through the Express app.
 */
export function createHttpListener(deps: AppDependencies): RequestListener {
  const readCache = deps.readCache ?? createReadCache(deps);
  const metricsRegistry = deps.metricsRegistry ?? createApiMetrics(deps);
  const app = createApp({ ...deps, readCache, metricsRegistry });
  const { observeCached } = httpMetrics(metricsRegistry);
  return (req, res) => {
    const startedAt = process.hrtime.bigint();
    if (readCache.tryServe(req, res)) observeCached(req, res, startedAt);
    else void app(req, res);
  };
}
