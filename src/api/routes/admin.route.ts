import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { Router, type RequestHandler, type Response } from 'express';
import type { Config } from '../../../config';
import { loadFeedHealth } from '../../admin/feed-health';
import { renderFeedHealthPage } from '../../admin/feed-health.page';
import { renderFeedRunsPage } from '../../admin/feed-runs.page';
import { QueueBoardAdapter } from '../../admin/queue-board.adapter';
import { toHtmlString, type SafeHtml } from '../../web/html';
import { ADMIN_PAGE_CSP } from '../../admin/layout';
import type { Database } from '../../data/database';
import { NotFoundError } from '../../errors';
import type { Logger } from '../../logger';
import { QUEUE_NAMES, type Queues } from '../../queue/queues';
import { requireToken } from '../middleware/admin-auth';
import { requireSameOrigin } from '../middleware/same-origin';
import { feedHealthQuery, feedRunsParams } from '../schemas/admin.schema';
import { validate } from '../../validate';

export const ADMIN_QUEUES_PATH = '/admin/queues';
const RECENT_RUNS = 50;
/** The dashboard's fonts: the system's, as on the other operator pages (see QueueBoardAdapter). */
const SYSTEM_FONTS = { 'font-sans': 'system-ui, sans-serif', 'font-mono': 'ui-monospace, monospace' };

/**
 * The operators' pages behind ADMIN_TOKEN: feed health at /admin, a feed's runs at /admin/feeds/:id and the BullMQ
 * dashboard at /admin/queues. Without ADMIN_TOKEN none of them exist (404).
 */
export function adminRouter(deps: {
  config?: Pick<Config, 'adminToken'>;
  db: Database;
  queues?: Queues;
  logger: Logger;
  /** authFailureLimit, mounted in front of the token check. */
  authFailures: RequestHandler;
}): Router {
  const router = Router();
  const { queues } = deps;
  if (!deps.config?.adminToken) {
    deps.logger.info('ADMIN_TOKEN is not set: /admin and /admin/queues are off');
    return router;
  }
  router.use(
    '/admin',
    deps.authFailures,
    requireToken(deps.config.adminToken, 'jobfeed admin'),
    requireSameOrigin,
  );

  router.get('/admin', async (req, res) => {
    const { sort } = validate(feedHealthQuery, req.query);
    sendPage(res, renderFeedHealthPage(await loadFeedHealth(deps.db, sort), sort, new Date()));
  });

  router.get('/admin/feeds/:id', async (req, res) => {
    const { id } = validate(feedRunsParams, req.params);
    const feed = await deps.db.feeds.findById(id);
    if (!feed) throw new NotFoundError('Feed');
    const runs = await deps.db.feedRuns.listForFeed(feed._id, RECENT_RUNS);
    sendPage(res, renderFeedRunsPage(feed, runs, new Date()));
  });

  if (!queues) return router;
  const board = new QueueBoardAdapter().setBasePath(ADMIN_QUEUES_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(queues[name])),
    serverAdapter: board,
    options: {
      uiConfig: {
        boardTitle: 'jobfeed queues',
        miscLinks: [{ text: 'Feeds', url: '/admin' }],
        theme: { light: SYSTEM_FONTS, dark: SYSTEM_FONTS },
      },
    },
  });
  router.use(ADMIN_QUEUES_PATH, board.getRouter() as Router);
  return router;
}

function sendPage(res: Response, page: SafeHtml): void {
  res
    .set({ 'content-security-policy': ADMIN_PAGE_CSP, 'cache-control': 'no-store' })
    .type('html')
    .send(toHtmlString(page));
}
