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
import { eventsRouter } from './routes/events.route';
import { createEventIntake } from './event-intake';
import { createPlacementLookup } from './placement-lookup';
import { createEventCounter } from '../events/event-counter';
import { createVisitorHasher } from '../events/visitor';
import { eventMetrics } from '../metrics/event-metrics';
import { embedRouter } from './routes/embed.route';
import { recentFeedsRouter } from './routes/recent-feeds.route';
import { widgetRouter } from './routes/widget.route';
import { feedsRouter } from './routes/feeds.route';
import { placementJobsRouter, placementsRouter } from './routes/placements.route';
import { statsRouter } from './routes/stats.route';
import { openApiRouter } from './routes/openapi.route';
import { recruiterPageRouter } from './routes/recruiter-page.route';
import { publisherPageRouter } from './routes/publisher-page.route';
import { pageScriptsRouter } from './routes/page-scripts.route';
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

/** How long an API process keeps a placement's allowedOrigins for counting (a change shows within this). */
const PLACEMENT_LOOKUP_TTL_MS = 60_000;

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
    logger: deps.logger,
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
  const eventIntake = createEventIntake({
    placements: createPlacementLookup(deps.db, PLACEMENT_LOOKUP_TTL_MS),
    visitors: createVisitorHasher(deps.redis, deps.config.queuePrefix),
    counter: createEventCounter(deps.redis, {
      prefix: deps.config.queuePrefix,
      burstLimit: deps.config.events.burstMax,
    }),
    metrics: eventMetrics(metrics),
    ownOrigin: new URL(deps.config.http.publicUrl).origin,
  });
  app.use(clickRouter(deps.db, eventIntake));
  app.use(eventsRouter(eventIntake));
  app.use(recentFeedsRouter(deps.db, readCache, deps.config.http.publicUrl));
  // Before the feeds and placements routers: their guards cover every path under theirs, stats included.
  app.use(statsRouter({ ...deps, authFailures }));
  app.use(feedsRouter({ ...deps, readCache, authFailures }), recruiterPageRouter(), openApiRouter());
  app.use(placementsRouter({ ...deps, readCache, authFailures }), publisherPageRouter(), pageScriptsRouter());
  for (const router of deps.extraRouters ?? []) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
