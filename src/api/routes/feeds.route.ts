import express, { Router, type Request } from 'express';
import type { Redis } from 'ioredis';
import type { Config } from '../../../config';
import type { Database } from '../../data/database';
import type { ReadCache } from '../read-cache';
import type { Feed } from '../../data/feed.schema';
import { AppError, FetchError, NotFoundError } from '../../errors';
import { createPreviewRunner, PREVIEWS_BUSY } from '../../ingest/preview/preview-runner';
import type { Logger } from '../../logger';
import { queueFirstPoll, requestManualRun } from '../../queue/feed-polls';
import type { Queues } from '../../queue/queues';
import { recruiterRateLimit } from '../middleware/rate-limit';
import { recruiterOf, requireRecruiter } from '../middleware/recruiter-auth';
import { rejectOperatorKeys } from '../middleware/reject-operators';
import { presentFeed, presentFeedRun } from '../presenters/feed.presenter';
import { presentPreview } from '../presenters/preview.presenter';
import { createFeedBody, noQuery, previewFeedBody, updateFeedBody } from '../schemas/feeds.schema';
import { validate } from '../validate';

export const MAX_BODY = '100kb';
const RUNS_SHOWN = 10;

export interface FeedsRouteDependencies {
  db: Database;
  config: Config;
  redis: Redis;
  queues: Pick<Queues, 'ingest'>;
  readCache: ReadCache;
  logger: Logger;
}

/** The recruiter API: a recruiter sees and changes only their own feeds; anyone else's is a 404. */
export function feedsRouter(deps: FeedsRouteDependencies): Router {
  const { db, config, redis, queues } = deps;
  const router = Router();
  const limits = { redis, keyPrefix: config.queuePrefix, windowMs: config.rateLimit.windowMs };
  const runPreview = createPreviewRunner({
    fetch: { ...config.fetch, maxBytes: Math.min(config.fetch.maxBytes, config.preview.maxBytes) },
    snippetLength: config.snippetLength,
    budget: config.preview,
    logger: deps.logger,
  });

  router.use(
    '/api/v1/feeds',
    requireRecruiter(db),
    recruiterRateLimit({ ...limits, name: 'api', limit: config.rateLimit.max }),
    express.json({ limit: MAX_BODY }),
    rejectOperatorKeys,
  );

  const ownFeed = async (req: Request<{ id: string }>, res: express.Response): Promise<Feed> => {
    validate(noQuery, req.query);
    const feed = await db.feeds.findOwned(req.params.id, recruiterOf(res)._id);
    if (!feed) throw new NotFoundError('Feed');
    return feed;
  };

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
        if (error instanceof AppError && error.code === PREVIEWS_BUSY)
          res.setHeader('Retry-After', String(Math.ceil(config.preview.timeoutMs / 1000)));
        throw error;
      }
    },
  );

  router.post('/api/v1/feeds', async (req, res) => {
    validate(noQuery, req.query);
    const body = validate(createFeedBody, req.body);
    let feed: Feed;
    try {
      feed = await db.feeds.create({
        name: body.name,
        url: body.url,
        format: body.format ?? null,
        company: body.company ?? null,
        mapping: body.mapping ?? null,
        intervalMinutes: body.intervalMinutes,
        recruiterId: recruiterOf(res)._id,
      });
    } catch (error) {
      if ((error as { code?: number }).code === 11000)
        throw new AppError('feed_exists', `You have already added the feed ${body.url}`, { status: 409 });
      throw error;
    }
    await queueFirstPoll(db, queues, feed);
    const stored = (await db.feeds.findById(feed._id)) ?? feed;
    res
      .status(201)
      .location(`/api/v1/feeds/${String(feed._id)}`)
      .json({ feed: presentFeed(stored, 0) });
  });

  router.get('/api/v1/feeds', async (req, res) => {
    validate(noQuery, req.query);
    const feeds = await db.feeds.listOwned(recruiterOf(res)._id);
    const active = await db.postings.countActiveByFeed(feeds.map((feed) => feed._id));
    res.json({ feeds: feeds.map((feed) => presentFeed(feed, active.get(String(feed._id)) ?? 0)) });
  });

  router.get('/api/v1/feeds/:id', async (req, res) => {
    const feed = await ownFeed(req, res);
    const [active, runs] = await Promise.all([
      db.postings.countActive(feed._id),
      db.feedRuns.listForFeed(feed._id, RUNS_SHOWN),
    ]);
    res.json({ feed: presentFeed(feed, active), runs: runs.map(presentFeedRun) });
  });

  router.patch('/api/v1/feeds/:id', async (req, res) => {
    await ownFeed(req, res);
    const changes = validate(updateFeedBody, req.body);
    const feed = await db.feeds.updateOwned(req.params.id, recruiterOf(res)._id, changes);
    if (!feed) throw new NotFoundError('Feed');
    res.json({ feed: presentFeed(feed, await db.postings.countActive(feed._id)) });
  });

  router.delete('/api/v1/feeds/:id', async (req, res) => {
    validate(noQuery, req.query);
    const feed = await db.feeds.deleteOwned(req.params.id, recruiterOf(res)._id);
    if (!feed) throw new NotFoundError('Feed');
    // Deleted, not marked expired: nobody can see or restore a deleted feed, so its postings have no use left.
    await db.postings.deleteForFeed(feed._id);
    await deps.readCache.invalidate();
    res.status(204).end();
  });

  router.post('/api/v1/feeds/:id/run', async (req, res) => {
    const feed = await ownFeed(req, res);
    if (feed.status === 'paused')
      throw new AppError(
        'feed_paused',
        'The feed is paused: resume it (PATCH { "paused": false }) to poll it',
        {
          status: 409,
        },
      );
    const run = await requestManualRun(redis, queues, config.queuePrefix, String(feed._id));
    if (!run.queued) {
      res.setHeader('Retry-After', String(run.retryAfterSeconds));
      throw new AppError(
        'rate_limited',
        `This feed was polled on request less than a minute ago: retry in ${run.retryAfterSeconds} s`,
        { status: 429 },
      );
    }
    res.status(202).json({ feedId: String(feed._id), jobId: run.jobId, queued: true });
  });

  return router;
}
