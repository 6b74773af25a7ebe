import { Router } from 'express';
import type { Database } from '../../data/database';
import { NotFoundError } from '../../errors';
import { isAutomated } from '../bot-agents';

/** GET /r/:id: counts a person's click on a posting (per day) and redirects to the posting with a 302. */
export function clickRouter(db: Database): Router {
  const router = Router();
  router.get('/r/:id', async (req, res) => {
    const posting = await db.postings.findById(req.params.id);
    if (!posting) throw new NotFoundError('Job');
    if (req.method === 'GET' && !isAutomated(req.headers)) {
      await db.clicks.record(posting, new Date()).catch((error: unknown) => {
        req.log.warn({ err: error, postingId: req.params.id }, 'click not counted');
      });
    }
    res.setHeader('cache-control', 'no-store');
    res.redirect(302, posting.url);
  });
  return router;
}
