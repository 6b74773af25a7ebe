import { Router, type RequestHandler, type Response } from 'express';
import type { Config } from '../../../config';
import type { Database } from '../../data/database';
import type { Logger } from '../../logger';
import type { RedisClient } from '../../queue/redis';
import { feedStats, placementStats } from '../../stats/stats-use-cases';
import { publisherOf } from '../middleware/publisher-auth';
import { recruiterOf } from '../middleware/recruiter-auth';
import { presentFeedStats, presentPlacementStats } from '../presenters/stats.presenter';
import { recruiterGuard } from './feeds.route';
import { publisherGuard } from './placements.route';

export interface StatsRouteDependencies {
  db: Database;
  config: Config;
  redis: RedisClient;
  /** authFailureLimit, mounted in front of the key lookup. */
  authFailures: RequestHandler;
  logger: Logger;
}

/**
 * Counts for one key's eyes only, and new each minute when the roll-up runs: no shared or stored copy, so a
 * browser never shows a chart older than the page's own request.
 */
function uncached(res: Response): Response {
  return res.setHeader('cache-control', 'private, no-store');
}

/**
 * Impressions, clicks and CTR: a publisher's for their placement, a recruiter's for their feed. Mounted before the
 * feeds and placements routers, whose guards it shares (the same key checks and request budgets).
 */
export function statsRouter(deps: StatsRouteDependencies): Router {
  const { db } = deps;
  const router = Router();

  router.use('/api/v1/placements/:id/stats', ...publisherGuard(deps));
  router.get('/api/v1/placements/:id/stats', async (req, res) => {
    const stats = await placementStats(db, publisherOf(res)._id, req.params.id, req.query);
    uncached(res).json(presentPlacementStats(stats));
  });

  router.use('/api/v1/feeds/:id/stats', ...recruiterGuard(deps));
  router.get('/api/v1/feeds/:id/stats', async (req, res) => {
    const stats = await feedStats(db, recruiterOf(res)._id, req.params.id, req.query);
    uncached(res).json(presentFeedStats(stats));
  });

  return router;
}
