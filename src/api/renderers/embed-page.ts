import type { Posting } from '../../data/posting.schema';
import { ageOf } from '../../domain/age';
import { constantHtml, html, toHtmlString } from '../../web/html';
import type { RecentJobsQuery } from '../schemas/recent-jobs.schema';
import { clickPath, listTitle } from './recent-list';

/** Scripts, plugins, forms and outside resources are refused: the page is text, links and its own styles. */
export const EMBED_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors *";

/** Inline, unlike the operator pages' stylesheet: the embed is one cached response that sites frame. */
const STYLE = constantHtml(`body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#1b1b1b;background:#fff}
main{padding:12px 14px}h1{font-size:1.05em;margin:0 0 6px}ul{list-style:none;margin:0;padding:0}
li{padding:8px 0;border-top:1px solid #e2e2e2}li:first-child{border-top:0}
a{color:#0b57d0;font-weight:600;text-decoration:none}a:hover,a:focus{text-decoration:underline}
p{margin:2px 0;color:#5c5c5c;overflow-wrap:anywhere}.m{font-size:.9em;color:#5c5c5c}
.v{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
@media (prefers-color-scheme:dark){body{background:#17181a;color:#ececec}a{color:#8ab4f8}
li{border-color:#33363a}p,.m{color:#a8a8a8}}`);

const HEAD = constantHtml(
  '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<meta name="referrer" content="strict-origin-when-cross-origin">',
);

/** GET /embed/recent: the recent list as a complete page for iframes and sites that cannot run scripts. */
export function renderEmbedPage(postings: Posting[], query: RecentJobsQuery, now: Date): string {
  const title = listTitle(query);
  // The markup is kept compact (no whitespace between elements): the page is small and its text exact.
  // prettier-ignore
  const items = postings.map((posting) =>
    html`<li><a href="${clickPath(posting)}" target="_blank" rel="noopener">${posting.title}<span class="v">${
      posting.company ? `, ${posting.company}` : ''} (opens in a new tab)</span></a><div class="m">${
      posting.company ? `${posting.company} · ` : ''}<time datetime="${posting.listedAt.toISOString()}">${
      ageOf(posting.listedAt, now)}</time></div>${posting.snippet ? html`<p>${posting.snippet}</p>` : ''}</li>`,
  );
  // prettier-ignore
  const list = items.length
    ? html`<ul role="list">${items}</ul>`
    : html`<p role="status">No open positions right now. Check back soon.</p>`;
  // prettier-ignore
  return toHtmlString(
    html`<!doctype html><html lang="en"><head>${HEAD}<title>${title}</title><style>${STYLE}</style></head><body>${
      html`<main aria-labelledby="h"><h1 id="h">${title}</h1>${list}</main>`}</body></html>`,
  );
}
