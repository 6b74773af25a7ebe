import type { Posting } from '../../data/posting.schema';
import type { RecentJobsQuery } from '../schemas/recent-jobs.schema';
import { escapeText as e, escapeTextAsHtmlInXml as html } from '../../web/escape';
import { recentFeed } from './recent-feed';

/**
 * GET /feeds/recent.rss: RSS 2.0, every text escaped; links go through the click counter. Titles and descriptions
 * are HTML (RSS 2.0 lets readers render them so), holding the escaped plain text.
 */
export function renderRss(postings: Posting[], query: RecentJobsQuery, publicUrl: string, now: Date): string {
  const feed = recentFeed(postings, query, publicUrl, '/feeds/recent.rss');
  const items = feed.items.map(
    (item) =>
      `<item><title>${html(item.title)}</title><link>${e(item.url)}</link>` +
      `<guid isPermaLink="false">${e(item.id)}</guid>` +
      `<description>${html(item.text)}</description>` +
      (item.company ? `<category>${e(item.company)}</category>` : '') +
      `<pubDate>${item.published.toUTCString()}</pubDate></item>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>` +
    `<title>${html(feed.title)}</title><link>${e(feed.homePageUrl)}</link>` +
    `<description>${e(feed.description)}</description>` +
    `<atom:link href="${e(feed.feedUrl)}" rel="self" type="application/rss+xml"/>` +
    `<lastBuildDate>${now.toUTCString()}</lastBuildDate><ttl>1</ttl>${items.join('')}</channel></rss>\n`
  );
}
