import express, { Router, type RequestHandler } from 'express';
import type { RedisClient } from '../../queue/redis';
import type { Config } from '../../../config';
import type { Database } from '../../data/database';
import type { Logger } from '../../logger';
import { noQuery } from '../../feeds/feed-input.schema';
import {
  createPlacement,
  deletePlacement,
  getPlacement,
  listPlacements,
  resolvePlacementList,
  updatePlacement,
  type PlacementUseCaseDependencies,
} from '../../placements/placement-use-cases';
import { placementJobsQuery } from '../../placements/placement-input.schema';
import { validate } from '../../validate';
import { publisherOf, requirePublisher } from '../middleware/publisher-auth';
import { recruiterRateLimit } from '../middleware/rate-limit';
import { rejectOperatorKeys } from '../middleware/reject-operators';
import { presentJobSummary } from '../presenters/job.presenter';
import { presentPlacement, presentPlacementHeader } from '../presenters/placement.presenter';
import { normalizedKey, sendCached, type ReadCache } from '../read-cache';
import { recentPostings } from '../recent-postings';
import { MAX_BODY } from './feeds.route';

export interface PlacementsRouteDependencies {
  db: Database;
  config: Config;
  redis: RedisClient;
  readCache: ReadCache;
  /** authFailureLimit, mounted in front of the key lookup. */
  authFailures: RequestHandler;
  logger: Logger;
}

/**
 * A placement's public list, for widgets: its filters, limit, heading, locale and theme applied here, cached like
 * the recent list (the cache is cleared when postings or placements change).
 */
export function placementJobsRouter(db: Database, readCache: ReadCache): Router {
  const router = Router();
  router.get('/api/v1/placements/:id/jobs', async (req, res) => {
    const query = validate(placementJobsQuery, req.query);
    const key = normalizedKey(`placement.json:${req.params.id}`, query);
    const response = await readCache.get(key, req.originalUrl, async () => {
      const { placement, filter } = await resolvePlacementList({ db }, req.params.id, query);
      const postings = filter ? await recentPostings(db, filter) : [];
      const now = new Date();
      return {
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({
          placement: presentPlacementHeader(placement),
          jobs: postings.map((posting) => presentJobSummary(posting, now)),
        }),
      };
    });
    sendCached(req, res, response);
  });
  return router;
}

/** In front of every publisher route: the key, the publisher's request budget, the JSON body, no operator keys. */
export function publisherGuard(
  deps: Pick<PlacementsRouteDependencies, 'db' | 'config' | 'redis' | 'authFailures' | 'logger'>,
): RequestHandler[] {
  const { config } = deps;
  return [
    deps.authFailures,
    requirePublisher(deps.db),
    recruiterRateLimit({
      redis: deps.redis,
      keyPrefix: config.queuePrefix,
      windowMs: config.rateLimit.windowMs,
      name: 'publisher-api',
      limit: config.rateLimit.max,
      accountOf: publisherOf,
      logger: deps.logger,
    }),
    express.json({ limit: MAX_BODY }),
    rejectOperatorKeys,
  ];
}

/** The publisher API: a publisher sees and changes only their own placements; anyone else's is a 404. */
export function placementsRouter(deps: PlacementsRouteDependencies): Router {
  const { db } = deps;
  const router = Router();
  const useCases: PlacementUseCaseDependencies = {
    db,
    onPlacementChanged: () => deps.readCache.invalidate(),
  };

  // GET /api/v1/placements/:id/jobs is answered before this router, by placementJobsRouter, without a key.
  router.use('/api/v1/placements', ...publisherGuard(deps));

  router.post('/api/v1/placements', async (req, res) => {
    validate(noQuery, req.query);
    const placement = await createPlacement(useCases, publisherOf(res)._id, req.body);
    res
      .status(201)
      .location(`/api/v1/placements/${String(placement._id)}`)
      .json({ placement: presentPlacement(placement) });
  });

  router.get('/api/v1/placements', async (req, res) => {
    validate(noQuery, req.query);
    const placements = await listPlacements(useCases, publisherOf(res)._id);
    res.json({ placements: placements.map(presentPlacement) });
  });

  router.get('/api/v1/placements/:id', async (req, res) => {
    validate(noQuery, req.query);
    res.json({
      placement: presentPlacement(await getPlacement(useCases, publisherOf(res)._id, req.params.id)),
    });
  });

  router.patch('/api/v1/placements/:id', async (req, res) => {
    validate(noQuery, req.query);
    const placement = await updatePlacement(useCases, publisherOf(res)._id, req.params.id, req.body);
    res.json({ placement: presentPlacement(placement) });
  });

  router.delete('/api/v1/placements/:id', async (req, res) => {
    validate(noQuery, req.query);
    await deletePlacement(useCases, publisherOf(res)._id, req.params.id);
    res.status(204).end();
  });

  return router;
}
