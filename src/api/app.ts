import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { Database } from '../data/database';
import type { Logger } from '../logger';
import { errorHandler, notFoundHandler } from './middleware/errors';
import { healthRouter } from './routes/health.route';
import { jobsRouter } from './routes/jobs.route';

export interface AppDependencies {
  db: Database;
  logger: Logger;
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
  app.use(healthRouter());
  app.use(jobsRouter(deps.db));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
