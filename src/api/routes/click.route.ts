import { Router } from 'express';
import type { Database } from '../../data/database';
import { NotFoundError } from '../../errors';
import { isAutomated } from '../bot-agents';
import { renderPostingGonePage } from '../renderers/posting-gone-page';

/**
 * GET /r/:id: counts a person's click on a posting (per day) and redirects to the posting with a 302. An expired
 * posting (or one past its validThrough) is a 410 page linking to the listing: an old id does not keep sending
 * people to whatever its url serves now.
 */
export function clickRouter(db: Database): Router {
  const router = Router();
  router.get('/r/:id', async (req, res) => {
    const posting = await db.postings.findById(req.params.id);
    if (!posting) throw new NotFoundError('Job');
    res.setHeader('cache-control', 'no-store');
    const now = new Date();
    if (posting.status !== 'active' || (posting.validThrough !== null && posting.validThrough < now)) {
      res.status(410).type('html').send(renderPostingGonePage(posting));
      return;
    }
    if (req.method === 'GET' && !isAutomated(req.headers)) {
      await db.clicks.record(posting, now).catch((error: unknown) => {
        req.log.warn({ err: error, postingId: req.params.id }, 'click not counted');
      });
    }
    res.redirect(302, posting.url);
  });
  return router;
}
