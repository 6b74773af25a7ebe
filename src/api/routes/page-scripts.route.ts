import { readFileSync } from 'node:fs';
import type { Router } from 'express';
import { sourcePath } from '../../web/source-path';
import { pageAssetsRouter } from '../page-assets';

const JS = 'text/javascript; charset=utf-8';

/**
 * GET /pages/account-page.js and /pages/stats-view.js: the scripts the recruiter and publisher pages share (the key,
 * API calls and error lines; the stats chart and tables), read once at start.
 */
export function pageScriptsRouter(): Router {
  return pageAssetsRouter([
    ['/pages/account-page.js', JS, readFileSync(sourcePath('web', 'account-page.js'))],
    ['/pages/stats-view.js', JS, readFileSync(sourcePath('web', 'stats-view.js'))],
  ]);
}
