import express, { type Express, type Router } from 'express';
import type { RedisClient } from '../queue/redis';
import type { Config } from '../../config';
import type { Queues } from '../queue/queues';
import { pinoHttp } from 'pino-http';
import type { Database } from '../data/database';
import type { Logger } from '../logger';
import { createApiMetrics } from '../metrics/api-metrics';
import { httpMetrics } from '../metrics/http-metrics';
import type { Registry } from 'prom-client';
import { errorHandler, notFoundHandler } from './middleware/errors';
import { authFailureLimit } from './middleware/rate-limit';
import { publicCors } from './middleware/public-cors';
import { createReadCache, type ReadCache } from './read-cache';
import { requestId } from './request-id';
import { securityHeaders } from './security-headers';
import { healthRouter } from './routes/health.route';
import { jobsRouter } from './routes/jobs.route';
import { adminRouter } from './routes/admin.route';
import { metricsRouter } from './routes/metrics.route';
import { readinessRouter } from './routes/readiness.route';
import { clickRouter } from './routes/click.route';
import { embedRouter } from './routes/embed.route';
import { recentFeedsRouter } from './routes/recent-feeds.route';
import { widgetRouter } from './routes/widget.route';
import { feedsRouter } from './routes/feeds.route';
import { placementJobsRouter, placementsRouter } from './routes/placements.route';
import { openApiRouter } from './routes/openapi.route';
import { recruiterPageRouter } from './routes/recruiter-page.route';
import { pagesStylesheetRouter } from './routes/pages-stylesheet.route';
import { homeRouter } from './routes/home.route';
import type { HomeLink } from './renderers/home-page';

export interface AppDependencies {
  db: Database;
  logger: Logger;
  config: Config;
  /** Rate limits, the once-a-minute "poll now" claim, and the postings version that invalidates the read cache. */
  redis: RedisClient;
  /** Recruiters' polls, /admin/queues and the queue metrics. */
  queues: Queues;
  /** Shared with the fast path in front of Express (see http-listener.ts). */
  readCache?: ReadCache;
  /** Routes only some processes serve, such as the demo's sample article page. */
  extraRouters?: Router[];
  /** Links to those routes on the home page (GET /), before the standard ones. */
  homeLinks?: HomeLink[];
  /** Shared with the fast path in front of Express, which times the responses it sends. */
  metricsRegistry?: Registry;
  /** What /metrics answers when it is not this process's registry alone: the sum over API_PROCESSES. */
  metricsText?: () => Promise<string>;
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
        const id = requestId(req.headers['x-request-id'] as string | undefined);
        res.setHeader('x-request-id', id);
        return id;
      },
    }),
  );
  app.use(securityHeaders);
  app.use(httpMetrics(metrics).middleware);
  app.use(readinessRouter(deps));
  app.use(metricsRouter(metrics, deps.config.metricsToken, deps.metricsText));
  // One counter per client address for recruiter and publisher keys and the operator token alike.
  const authFailures = authFailureLimit({
    redis: deps.redis,
    keyPrefix: deps.config.queuePrefix,
    windowMs: deps.config.authFailures.windowMs,
    limit: deps.config.authFailures.max,
  });
  app.use(pagesStylesheetRouter());
  app.use(adminRouter({ ...deps, authFailures }));
  const readCache = deps.readCache ?? createReadCache(deps);
  app.use(publicCors);
  app.use(healthRouter());
  app.use(homeRouter(deps.homeLinks));
  app.use(jobsRouter(deps.db, readCache));
  app.use(placementJobsRouter(deps.db, readCache));
  app.use(widgetRouter(readCache));
  app.use(embedRouter(deps.db, readCache));
  app.use(clickRouter(deps.db));
  app.use(recentFeedsRouter(deps.db, readCache, deps.config.http.publicUrl));
  app.use(feedsRouter({ ...deps, readCache, authFailures }), recruiterPageRouter(), openApiRouter());
  app.use(placementsRouter({ ...deps, readCache, authFailures }));
  for (const router of deps.extraRouters ?? []) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
