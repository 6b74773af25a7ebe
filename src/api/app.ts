import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { Config } from '../../config';
import type { Queues } from '../queue/queues';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { Database } from '../data/database';
import type { Logger } from '../logger';
import { errorHandler, notFoundHandler } from './middleware/errors';
import { healthRouter } from './routes/health.route';
import { jobsRouter } from './routes/jobs.route';
import { feedsRouter } from './routes/feeds.route';
import { openApiRouter } from './routes/openapi.route';
import { recruiterPageRouter } from './routes/recruiter-page.route';

export interface AppDependencies {
  db: Database;
  logger: Logger;
  config: Config;
  /** Rate limits and the once-a-minute "poll now" claim. */
  redis: Redis;
  queues: Pick<Queues, 'ingest'>;
}

/** The Express app, without listening: tests run it on port 0, the API process on PORT. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
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
  // Security headers on every response; public endpoints may be fetched from partner sites (widgets).
  app.use(helmet({ crossOriginResourcePolicy: { policy: 'cross-origin' } }));
  app.use(healthRouter());
  app.use(jobsRouter(deps.db));
  app.use(feedsRouter(deps), recruiterPageRouter(), openApiRouter());
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
