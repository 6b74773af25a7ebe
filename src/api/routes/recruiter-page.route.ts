import { readFileSync } from 'node:fs';
import type { Router } from 'express';
import { FORMATS } from '../../ingest/formats';
import { renderRecruiterPage } from '../../recruiter-page/recruiter.page';
import { toHtmlString } from '../../web/html';
import { sourcePath } from '../../web/source-path';
import { pageAssetsRouter } from '../page-assets';

/**
 * GET /recruiters: the page, rendered once at start (its format menu from the formats the server reads), and its
 * script, read once at start.
 */
export function recruiterPageRouter(): Router {
  return pageAssetsRouter([
    ['/recruiters', 'text/html; charset=utf-8', toHtmlString(renderRecruiterPage(Object.values(FORMATS)))],
    [
      '/recruiters/recruiters.js',
      'text/javascript; charset=utf-8',
      readFileSync(sourcePath('recruiter-page', 'recruiters.js')),
    ],
  ]);
}
