import type { AppViewRoute } from '@bull-board/api/typings/app';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';

/** bull-board's page asks Google for its fonts; operators' browsers should ask nobody but jobfeed. */
const OUTSIDE_FONTS = /<link\b[^>]*href="https:\/\/fonts\.(?:googleapis|gstatic)\.com[^>]*>/g;

/**
 * bull-board's Express adapter, with its page sent without the outside font links (the dashboard falls back to the
 * system fonts its theme names). Everything else is bull-board's own: its API, its static files.
 */
export class QueueBoardAdapter extends ExpressAdapter {
  override setEntryRoute(route: AppViewRoute): ExpressAdapter {
    this.app[route.method](route.route, (_req: Request, res: Response, next: NextFunction) => {
      const { name, params } = route.handler({ basePath: this.basePath, uiConfig: this.uiConfig });
      res.render(name, params, (error: Error | null, page: string) =>
        error ? next(error) : res.send(page.replace(OUTSIDE_FONTS, '')),
      );
    });
    return this;
  }
}
