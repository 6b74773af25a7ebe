import { Router } from 'express';
import type { Database } from '../../data/database';
import { normalizedKey, sendCached, type ReadCache } from '../read-cache';
import { recentPostings } from '../recent-postings';
import { EMBED_CSP, renderEmbedPage } from '../renderers/embed-page';
import { recentJobsQuery } from '../schemas/recent-jobs.schema';
import { validate } from '../../validate';

/** GET /embed/recent: the recent list as a server-rendered page, for iframes; the same filters as the API. */
export function embedRouter(db: Database, readCache: ReadCache): Router {
  const router = Router();
  router.get('/embed/recent', async (req, res) => {
    const query = validate(recentJobsQuery, req.query);
    const response = await readCache.get(normalizedKey('embed', query), req.originalUrl, async () => ({
      contentType: 'text/html; charset=utf-8',
      body: renderEmbedPage(await recentPostings(db, query), query, new Date()),
      headers: {
        'content-security-policy': EMBED_CSP,
        'referrer-policy': 'strict-origin-when-cross-origin',
        // helmet's default forbids framing by other sites, which is this page's whole purpose.
        'x-frame-options': null,
      },
    }));
    sendCached(req, res, response);
  });
  return router;
}
