import { readFileSync } from 'node:fs';
import type { Router } from 'express';
import { renderPublisherPage } from '../../publisher-page/publisher.page';
import { toHtmlString } from '../../web/html';
import { sourcePath } from '../../web/source-path';
import { pageAssetsRouter } from '../page-assets';

/** GET /publishers: the page and its script, read once at start. */
export function publisherPageRouter(): Router {
  return pageAssetsRouter([
    ['/publishers', 'text/html; charset=utf-8', toHtmlString(renderPublisherPage())],
    [
      '/publishers/publishers.js',
      'text/javascript; charset=utf-8',
      readFileSync(sourcePath('publisher-page', 'publishers.js')),
    ],
  ]);
}
