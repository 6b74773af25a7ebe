import { Router } from 'express';
import { PAGES_STYLESHEET } from '../../web/pages-stylesheet';

/** GET /assets/pages.<hash>.css: public (the recruiter page needs it before any key), cached for good. */
export function pagesStylesheetRouter(): Router {
  const router = Router();
  router.get(PAGES_STYLESHEET.path, (_req, res) => {
    res
      .set({
        'content-type': 'text/css; charset=utf-8',
        'cache-control': 'public, max-age=31536000, immutable',
      })
      .send(PAGES_STYLESHEET.body);
  });
  return router;
}
