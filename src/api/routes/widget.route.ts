import { Router } from 'express';
import { sendCached, type ReadCache } from '../read-cache';
import { loadWidgetBundle } from '../widget/widget-bundle';

export function widgetRouter(readCache: ReadCache): Router {
  const router = Router();
  let bundle: Promise<string> | undefined;

  router.get('/widget.js', async (req, res) => {
    bundle ??= loadWidgetBundle().catch((error: unknown) => {
      bundle = undefined;
      throw error;
    });
    const body = await bundle;
    const response = await readCache.get('widget.js', req.originalUrl, async () => ({
      contentType: 'text/javascript; charset=utf-8',
      body,
    }));
    sendCached(req, res, response);
  });

  return router;
}
