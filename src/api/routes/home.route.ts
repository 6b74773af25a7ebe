import { Router } from 'express';
import { HOME_PAGE_CSP, renderHomePage, STANDARD_HOME_LINKS, type HomeLink } from '../renderers/home-page';

/** GET / (and HEAD): a small page linking to the demo when it runs, the recruiter page and the API description. */
export function homeRouter(extraLinks: HomeLink[] = []): Router {
  const body = renderHomePage([...extraLinks, ...STANDARD_HOME_LINKS]);
  const router = Router();
  router.get('/', (_req, res) => {
    res
      .type('html')
      .set({ 'content-security-policy': HOME_PAGE_CSP, 'cache-control': 'no-cache' })
      .send(body);
  });
  return router;
}
