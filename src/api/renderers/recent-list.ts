import type { Posting } from '../../data/posting.schema';
import type { RecentJobsQuery } from '../schemas/recent-jobs.schema';

/** The query string of a normalized recent-list query, for self links that do not echo the raw request. */
export function queryString(query: RecentJobsQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  return params.toString();
}

/** A posting's click-through link: counts the click, then redirects to the posting. */
export function clickPath(posting: Pick<Posting, '_id'>): string {
  return `/r/${String(posting._id)}`;
}

export function listTitle(query: RecentJobsQuery): string {
  const about = [query.q, query.company].filter(Boolean).join(' at ');
  return about ? `Recent jobs: ${about}` : 'Recent jobs';
}
