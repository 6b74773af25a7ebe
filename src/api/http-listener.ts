import type { RequestListener } from 'node:http';
import { createApp, type AppDependencies } from './app';
import { createReadCache } from './read-cache';

/**
 * What the HTTP server runs: the read cache's fast path in front of Express. A GET whose exact URL was rendered
 * recently is answered from memory without entering Express (its router and response helpers cost most of a
 * cached request); everything else, including every validation error, goes through the Express app.
 */
export function createHttpListener(deps: AppDependencies): RequestListener {
  const readCache = deps.readCache ?? createReadCache(deps);
  const app = createApp({ ...deps, readCache });
  return (req, res) => {
    if (!readCache.tryServe(req, res)) void app(req, res);
  };
}
