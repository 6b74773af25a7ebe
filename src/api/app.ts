import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Config } from '../../config';
import type { Database } from '../data/database';
import type { Logger } from '../logger';
import { createApiMetrics } from '../metrics/api-metrics';
import { httpMetricsMiddleware } from '../metrics/http-metrics';
import type { Queues } from '../queue/queues';
import { errorHandler, notFoundHandler } from './middleware/errors';
import { healthRouter } from './routes/health.route';
import { jobsRouter } from './routes/jobs.route';
import { adminRouter } from './routes/admin.route';
import { metricsRouter } from './routes/metrics.route';
import { readinessRouter } from './routes/readiness.route';

export interface AppDependencies {
  db: Database;
  logger: Logger;
  config: Config;
  /** A producer connection (fails fast): readiness, queue metrics and the queue dashboard use it. */
  redis: Redis;
  queues: Queues;
}

/** The Express app, without listening: tests run it on port 0, the API process on PORT. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  const metrics = createApiMetrics(deps);
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
  app.use(httpMetricsMiddleware(metrics));
  app.use(healthRouter());
  app.use(readinessRouter(deps));
  app.use(metricsRouter(metrics, deps.config.metricsToken));
  app.use(adminRouter(deps));
  app.use(jobsRouter(deps.db));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
