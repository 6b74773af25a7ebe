import type { Posting } from '../../data/posting.schema';
import type { RecentJobsQuery } from '../schemas/recent-jobs.schema';
import { escapeText as e, escapeTextAsHtmlInXml as html } from '../../web/escape';
import { clickPath, listTitle, queryString } from './recent-list';

/**
 * GET /feeds/recent.rss: RSS 2.0, every text escaped; links go through the click counter. Titles and descriptions
 * are HTML (RSS 2.0 lets readers render them so), holding the escaped plain text.
 */
export function renderRss(postings: Posting[], query: RecentJobsQuery, publicUrl: string, now: Date): string {
  const params = queryString(query);
  const self = `${publicUrl}/feeds/recent.rss?${params}`;
  const items = postings.map(
    (posting) =>
      `<item><title>${html(posting.title)}</title><link>${e(publicUrl + clickPath(posting))}</link>` +
      `<guid isPermaLink="false">${String(posting._id)}</guid>` +
      `<description>${html(posting.snippet)}</description>` +
      (posting.company ? `<category>${e(posting.company)}</category>` : '') +
      `<pubDate>${posting.listedAt.toUTCString()}</pubDate></item>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>` +
    `<title>${html(listTitle(query))}</title><link>${e(`${publicUrl}/embed/recent?${params}`)}</link>` +
    `<description>The most recent job postings, each shown once.</description>` +
    `<atom:link href="${e(self)}" rel="self" type="application/rss+xml"/>` +
    `<lastBuildDate>${now.toUTCString()}</lastBuildDate><ttl>1</ttl>${items.join('')}</channel></rss>\n`
  );
}
