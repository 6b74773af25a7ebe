import { Router } from 'express';
import { sendCached, type ReadCache } from '../read-cache';
import { loadBundle, type SiteScript } from '../widget/widget-bundle';

/** GET /widget.js, the widget host pages load, and GET /embed/embed.js, the embed page's own script. */
export function widgetRouter(readCache: ReadCache): Router {
  const router = Router();
  const routes: [string, SiteScript][] = [
    ['/widget.js', 'widget'],
    ['/embed/embed.js', 'embed'],
  ];
  for (const [route, name] of routes) {
    let bundle: Promise<string> | undefined;
    router.get(route, async (req, res) => {
      bundle ??= loadBundle(name).catch((error: unknown) => {
        bundle = undefined;
        throw error;
      });
      const body = await bundle;
      const response = await readCache.get(`${name}.js`, req.originalUrl, async () => ({
        contentType: 'text/javascript; charset=utf-8',
        body,
      }));
      sendCached(req, res, response);
    });
  }
  return router;
}
