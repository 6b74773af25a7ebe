import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sourcePath } from './source-path';

const body = readFileSync(sourcePath('web', 'pages.css'));

/**
 * The stylesheet of the operator and recruiter pages, read once at start. Its path carries a hash of its content, so
 * browsers keep it for good and a changed file is a new URL.
 */
export const PAGES_STYLESHEET = {
  path: `/assets/pages.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.css`,
  body,
};
