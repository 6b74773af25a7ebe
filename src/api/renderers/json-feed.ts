import type { Posting } from '../../data/posting.schema';
import type { RecentJobsQuery } from '../schemas/recent-jobs.schema';
import { clickPath, listTitle, queryString } from './recent-list';

/** GET /feeds/recent.json: JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function renderJsonFeed(postings: Posting[], query: RecentJobsQuery, publicUrl: string): string {
  const params = queryString(query);
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: listTitle(query),
    home_page_url: `${publicUrl}/embed/recent?${params}`,
    feed_url: `${publicUrl}/feeds/recent.json?${params}`,
    description: 'The most recent job postings, each shown once.',
    language: 'en',
    items: postings.map((posting) => ({
      id: String(posting._id),
      url: publicUrl + clickPath(posting),
      external_url: posting.url,
      title: posting.title,
      content_text: posting.snippet,
      date_published: posting.listedAt.toISOString(),
      ...(posting.company ? { authors: [{ name: posting.company }] } : {}),
    })),
  });
}
