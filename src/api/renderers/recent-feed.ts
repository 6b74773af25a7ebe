import type { Posting } from '../../data/posting.schema';
import type { RecentJobsQuery } from '../schemas/recent-jobs.schema';
import { clickPath, listTitle, queryString } from './recent-list';

/** One posting as both feed formats carry it; each renderer only spells it in its syntax and escapes it. */
export interface RecentFeedItem {
  id: string;
  /** Through the click counter. */
  url: string;
  /** The partner's page. */
  externalUrl: string;
  title: string;
  /** Plain text: RSS escapes it as HTML, JSON Feed sends it as content_text. */
  text: string;
  published: Date;
  company: string | undefined;
}

export interface RecentFeed {
  title: string;
  description: string;
  /** The embed page with the same query: the feed's home page. */
  homePageUrl: string;
  /** This feed's own URL. */
  feedUrl: string;
  items: RecentFeedItem[];
}

/** The recent list as a feed, whichever format writes it (`path`: /feeds/recent.rss or /feeds/recent.json). */
export function recentFeed(
  postings: Posting[],
  query: RecentJobsQuery,
  publicUrl: string,
  path: string,
): RecentFeed {
  const params = queryString(query);
  return {
    title: listTitle(query),
    description: 'The most recent job postings, each shown once.',
    homePageUrl: `${publicUrl}/embed/recent?${params}`,
    feedUrl: `${publicUrl}${path}?${params}`,
    items: postings.map((posting) => ({
      id: String(posting._id),
      url: publicUrl + clickPath(posting),
      externalUrl: posting.url,
      title: posting.title,
      text: posting.snippet,
      published: posting.listedAt,
      company: posting.company ?? undefined,
    })),
  };
}
