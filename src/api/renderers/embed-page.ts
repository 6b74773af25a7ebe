import type { Posting } from '../../data/posting.schema';
import { ageOf } from '../../domain/age';
import type { Ranking } from '../../domain/events';
import { listStrings } from '../../domain/list-strings';
import type { PlacementTheme } from '../../domain/placement';
import { constantHtml, html, toHtmlString } from '../../web/html';
import { LIST_STYLES, listHeight } from '../../web/list-styles';
import { clickPath } from './recent-list';

/**
 * Plugins, forms and outside resources are refused: the page is text, links, its own styles and its own script
 * (/embed/embed.js: the height for the parent, impressions to /api/v1/events).
 */
export const EMBED_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors *";

/** Inline, unlike the operator pages' stylesheet: the embed is one cached response that sites frame. */
const STYLE = constantHtml(`body{margin:0}${LIST_STYLES}`);

const HEAD = constantHtml(
  '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<meta name="referrer" content="strict-origin-when-cross-origin">' +
    '<script src="/embed/embed.js" defer></script>',
);

/** What the embed page shows: a placement's list or the anonymous recent list, and how it is drawn. */
export interface EmbedList {
  postings: Posting[];
  placementId: string | null;
  /** The postings the list holds at most: the page keeps their height when it lists fewer. */
  limit: number;
  /** The placement's heading, or null for the locale's default. */
  heading: string | null;
  /** What the list's `q` and `company` ask for, shown after the default heading. */
  about: string[];
  ranking: Ranking;
  theme: PlacementTheme;
  locale: string;
}

/** GET /embed/recent: a list as a complete page for iframes, the same look and height as the widget. */
export function renderEmbedPage(list: EmbedList, now: Date): string {
  const strings = listStrings(list.locale);
  const title = list.heading ?? [strings.heading, list.about.join(' · ')].filter(Boolean).join(': ');
  const click = (posting: Posting) =>
    `${clickPath(posting)}?${new URLSearchParams({ ...(list.placementId ? { p: list.placementId } : {}), ranking: list.ranking })}`;
  // The markup is kept compact (no whitespace between elements): the page is small and its text exact.
  // prettier-ignore
  const items = list.postings.map((posting) =>
    html`<li data-posting="${String(posting._id)}" data-ranking="${list.ranking}"><a href="${click(posting)}" target="_blank" rel="noopener">${
      posting.title}<span class="v">${posting.company ? `, ${posting.company}` : ''} (${strings.newTab})</span></a><div class="m">${
      posting.company ? `${posting.company} · ` : ''}<time datetime="${posting.listedAt.toISOString()}">${
      ageOf(posting.listedAt, now, list.locale)}</time></div>${posting.snippet ? html`<p>${posting.snippet}</p>` : ''}</li>`,
  );
  // prettier-ignore
  const content = items.length
    ? html`<ul role="list">${items}</ul>`
    : html`<p class="s" role="status">${strings.empty}</p>`;
  // prettier-ignore
  return toHtmlString(
    html`<!doctype html><html lang="${list.locale}"><head>${HEAD}<title>${title}</title><style>${STYLE}</style></head><body>${
      html`<main data-placement="${list.placementId ?? ''}" style="min-height:${listHeight(list.limit)}px"><section data-theme="${
        list.theme}" aria-labelledby="h"><h1 id="h">${title}</h1>${content}</section></main>`}</body></html>`,
  );
}
