import { Router } from 'express';
import type { Database } from '../../data/database';
import { NotFoundError } from '../../errors';
import { readClickParams } from '../click-params';
import type { EventIntake } from '../event-intake';
import { renderPostingGonePage } from '../renderers/posting-gone-page';

/**
 * GET /r/:id: counts a person's click on a posting (in Redis, like impressions: the redirect never waits for
 * MongoDB) and redirects to the posting with a 302. `?p=PLACEMENT&ranking=&dwell=` come from the widget and the
 * iframe; feed readers send none. An expired posting (or one past its validThrough) is a 410 page linking to the
 * listing: an old id does not keep sending people to whatever its url serves now.
 */
export function clickRouter(db: Database, intake: EventIntake): Router {
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
    const { params, rejection } = readClickParams(req.query);
    await intake
      .record(req, {
        kind: 'click',
        placementId: params.placement,
        host: params.host,
        events: [{ postingId: String(posting._id), ranking: params.ranking }],
        rejection,
      })
      .catch((error: unknown) => {
        req.log.warn({ err: error, postingId: String(posting._id) }, 'click not counted');
      });
    res.redirect(302, posting.url);
  });
  return router;
}
