import { Router } from 'express';
import type { Database } from '../../data/database';
import { normalizedKey, sendCached, type ReadCache } from '../read-cache';
import { recentPostings } from '../recent-postings';
import { renderJsonFeed } from '../renderers/json-feed';
import { renderRss } from '../renderers/rss-feed';
import { recentJobsQuery } from '../schemas/recent-jobs.schema';
import { validate } from '../../validate';

/** GET /feeds/recent.rss (RSS 2.0) and /feeds/recent.json (JSON Feed 1.1): the recent list for feed readers. */
export function recentFeedsRouter(db: Database, readCache: ReadCache, publicUrl: string): Router {
  const router = Router();

  router.get('/feeds/recent.rss', async (req, res) => {
    const query = validate(recentJobsQuery, req.query);
    const response = await readCache.get(normalizedKey('rss', query), req.originalUrl, async () => ({
      contentType: 'application/rss+xml; charset=utf-8',
      body: renderRss(await recentPostings(db, query), query, publicUrl, new Date()),
    }));
    sendCached(req, res, response);
  });

  router.get('/feeds/recent.json', async (req, res) => {
    const query = validate(recentJobsQuery, req.query);
    const response = await readCache.get(normalizedKey('json-feed', query), req.originalUrl, async () => ({
      contentType: 'application/feed+json; charset=utf-8',
      body: renderJsonFeed(await recentPostings(db, query), query, publicUrl),
    }));
    sendCached(req, res, response);
  });

  return router;
}
