import express, { type Express, type Router } from 'express';
import type { Redis } from 'ioredis';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config';
import type { Database } from '../data/database';
import type { Logger } from '../logger';
import { createApiMetrics } from '../metrics/api-metrics';
import { httpMetrics } from '../metrics/http-metrics';
import type { Queues } from '../queue/queues';
import type { Registry } from 'prom-client';
import { errorHandler, notFoundHandler } from './middleware/errors';
import { publicCors } from './middleware/public-cors';
import { createReadCache, type ReadCache } from './read-cache';
import { healthRouter } from './routes/health.route';
import { jobsRouter } from './routes/jobs.route';
import { adminRouter } from './routes/admin.route';
import { metricsRouter } from './routes/metrics.route';
import { readinessRouter } from './routes/readiness.route';
import { clickRouter } from './routes/click.route';
import { embedRouter } from './routes/embed.route';
import { recentFeedsRouter } from './routes/recent-feeds.route';
import { widgetRouter } from './routes/widget.route';

export interface AppDependencies {
  db: Database;
  logger: Logger;
  /** Reads the postings version that invalidates the read cache; without it public responses are not cached. */
  redis?: Redis;
  /** PUBLIC_URL for absolute links in feeds, and the read cache's settings; defaults when absent. */
  config?: Config;
  /** Shared with the fast path in front of Express (see http-listener.ts). */
  readCache?: ReadCache;
  /** Routes only some processes serve, such as the demo's sample article page. */
  extraRouters?: Router[];
  /** The queues behind /admin/queues and the queue metrics; without them those are off. */
  queues?: Queues;
  /** Shared with the fast path in front of Express, which times the responses it sends. */
  metricsRegistry?: Registry;
}

/** The Express app, without listening: tests run it on port 0, the API process on PORT. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  const metrics = deps.metricsRegistry ?? createApiMetrics(deps);
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(
    pinoHttp({
      logger: deps.logger.child({ module: 'http' }),
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
    }),
  );
  app.use(httpMetrics(metrics).middleware);
  app.use(readinessRouter(deps));
  app.use(metricsRouter(metrics, deps.config?.metricsToken));
  app.use(adminRouter(deps));
  const readCache = deps.readCache ?? createReadCache(deps);
  app.use(publicCors);
  app.use(healthRouter());
  app.use(jobsRouter(deps.db, readCache));
  app.use(widgetRouter(readCache));
  app.use(embedRouter(deps.db, readCache));
  app.use(clickRouter(deps.db));
  app.use(recentFeedsRouter(deps.db, readCache, deps.config?.http.publicUrl ?? 'http://localhost:3000'));
  for (const router of deps.extraRouters ?? []) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
