import type { Posting } from '../../data/posting.schema';
import { html, toHtmlString } from '../../web/html';

/** Where a visitor goes instead of an expired posting's partner page: the recent list. */
export const LISTING_PATH = '/embed/recent';

/** GET /r/:id of a posting no longer open: says so, and links to the listing rather than to the partner. */
export function renderPostingGonePage(posting: Pick<Posting, 'title' | 'company'>): string {
  const what = posting.company ? `${posting.title} at ${posting.company}` : posting.title;
  return toHtmlString(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>This job is no longer open</title>
        </head>
        <body>
          <main>
            <h1>This job is no longer open</h1>
            <p>${what} has been filled or withdrawn.</p>
            <p><a href="${LISTING_PATH}">See the open positions</a></p>
          </main>
        </body>
      </html>`,
  );
}
