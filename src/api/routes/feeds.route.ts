import express, { Router, type RequestHandler } from 'express';
import type { RedisClient } from '../../queue/redis';
import type { Config } from '../../../config';
import type { Database } from '../../data/database';
import type { ReadCache } from '../read-cache';
import { AppError, FetchError } from '../../errors';
import {
  createFeed,
  deleteFeed,
  getFeed,
  listFeeds,
  runFeedNow,
  updateFeed,
  type FeedUseCaseDependencies,
} from '../../feeds/feed-use-cases';
import { createPreviewRunner } from '../../ingest/preview/preview-runner';
import type { Logger } from '../../logger';
import type { Queues } from '../../queue/queues';
import { recruiterRateLimit } from '../middleware/rate-limit';
import { recruiterOf, requireRecruiter } from '../middleware/recruiter-auth';
import { rejectOperatorKeys } from '../middleware/reject-operators';
import { presentFeed, presentFeedRun } from '../presenters/feed.presenter';
import { presentPreview } from '../presenters/preview.presenter';
import { noQuery, previewFeedBody } from '../../feeds/feed-input.schema';
import { validate } from '../../validate';

export const MAX_BODY = '100kb';

export interface FeedsRouteDependencies {
  db: Database;
  config: Config;
  redis: RedisClient;
  queues: Pick<Queues, 'ingest'>;
  readCache: ReadCache;
  /** authFailureLimit, mounted in front of the key lookup. */
  authFailures: RequestHandler;
  logger: Logger;
}

/** In front of every recruiter route: the key, the recruiter's request budget, the JSON body, no operator keys. */
export function recruiterGuard(
  deps: Pick<FeedsRouteDependencies, 'db' | 'config' | 'redis' | 'authFailures' | 'logger'>,
): RequestHandler[] {
  const { config } = deps;
  return [
    deps.authFailures,
    requireRecruiter(deps.db),
    recruiterRateLimit({
      redis: deps.redis,
      keyPrefix: config.queuePrefix,
      windowMs: config.rateLimit.windowMs,
      name: 'api',
      limit: config.rateLimit.max,
      logger: deps.logger,
    }),
    express.json({ limit: MAX_BODY }),
    rejectOperatorKeys,
  ];
}

/** The recruiter API: a recruiter sees and changes only their own feeds; anyone else's is a 404. */
export function feedsRouter(deps: FeedsRouteDependencies): Router {
  const { db, config, redis, queues } = deps;
  const router = Router();
  const limits = {
    redis,
    keyPrefix: config.queuePrefix,
    windowMs: config.rateLimit.windowMs,
    logger: deps.logger,
  };
  const useCases: FeedUseCaseDependencies = {
    db,
    queues,
    redis,
    queuePrefix: config.queuePrefix,
    onPostingsChanged: () => deps.readCache.invalidate(),
  };
  const runPreview = createPreviewRunner({
    fetch: { ...config.fetch, maxBytes: Math.min(config.fetch.maxBytes, config.preview.maxBytes) },
    snippetLength: config.snippetLength,
    budget: config.preview,
    logger: deps.logger,
  });

  router.use('/api/v1/feeds', ...recruiterGuard(deps));

  router.post(
    '/api/v1/feeds/preview',
    recruiterRateLimit({ ...limits, name: 'preview', limit: config.rateLimit.previewMax }),
    async (req, res) => {
      validate(noQuery, req.query);
      const body = validate(previewFeedBody, req.body);
      try {
        const report = await runPreview(body);
        res.json(presentPreview(report, new Date()));
      } catch (error) {
        if (error instanceof FetchError)
          throw new AppError('feed_unreachable', `The feed could not be fetched: ${error.message}`, {
            status: 422,
          });
        throw error;
      }
    },
  );

  router.post('/api/v1/feeds', async (req, res) => {
    validate(noQuery, req.query);
    const { feed } = await createFeed(useCases, recruiterOf(res)._id, req.body);
    res
      .status(201)
      .location(`/api/v1/feeds/${String(feed._id)}`)
      .json({ feed: presentFeed(feed, 0) });
  });

  router.get('/api/v1/feeds', async (req, res) => {
    validate(noQuery, req.query);
    const feeds = await listFeeds(useCases, recruiterOf(res)._id);
    res.json({ feeds: feeds.map(({ feed, activePostings }) => presentFeed(feed, activePostings)) });
  });

  router.get('/api/v1/feeds/:id', async (req, res) => {
    validate(noQuery, req.query);
    const { feed, activePostings, runs } = await getFeed(useCases, recruiterOf(res)._id, req.params.id);
    res.json({ feed: presentFeed(feed, activePostings), runs: runs.map(presentFeedRun) });
  });

  router.patch('/api/v1/feeds/:id', async (req, res) => {
    validate(noQuery, req.query);
    const { feed, activePostings } = await updateFeed(
      useCases,
      recruiterOf(res)._id,
      req.params.id,
      req.body,
    );
    res.json({ feed: presentFeed(feed, activePostings) });
  });

  router.delete('/api/v1/feeds/:id', async (req, res) => {
    validate(noQuery, req.query);
    await deleteFeed(useCases, recruiterOf(res)._id, req.params.id);
    res.status(204).end();
  });

  router.post('/api/v1/feeds/:id/run', async (req, res) => {
    validate(noQuery, req.query);
    res.status(202).json(await runFeedNow(useCases, recruiterOf(res)._id, req.params.id));
  });

  return router;
}
