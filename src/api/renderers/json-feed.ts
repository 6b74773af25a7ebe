import type { Posting } from '../../data/posting.schema';
import type { RecentJobsQuery } from '../schemas/recent-jobs.schema';
import { recentFeed } from './recent-feed';

/** GET /feeds/recent.json: JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), text as content_text only. */
export function renderJsonFeed(postings: Posting[], query: RecentJobsQuery, publicUrl: string): string {
  const feed = recentFeed(postings, query, publicUrl, '/feeds/recent.json');
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homePageUrl,
    feed_url: feed.feedUrl,
    description: feed.description,
    language: 'en',
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.url,
      external_url: item.externalUrl,
      title: item.title,
      content_text: item.text,
      date_published: item.published.toISOString(),
      ...(item.company ? { authors: [{ name: item.company }] } : {}),
    })),
  });
}
