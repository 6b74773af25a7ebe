import type { Database } from '../data/database';
import type { FeedRun } from '../data/feed-run.schema';
import type { Feed, FeedStatus } from '../data/feed.schema';

export const FEED_HEALTH_SORTS = ['status', 'name', 'failures', 'lastSuccess', 'postings'] as const;
export type FeedHealthSort = (typeof FEED_HEALTH_SORTS)[number];

export interface FeedHealth {
  feed: Feed;
  /** Null for a feed an operator added. */
  owner: { id: string; name: string | null } | null;
  activePostings: number;
  lastRun: FeedRun | null;
}

const STATUS_RANK: Record<FeedStatus, number> = { failing: 0, active: 1, paused: 2 };

const COMPARE: Record<FeedHealthSort, (a: FeedHealth, b: FeedHealth) => number> = {
  status: (a, b) =>
    STATUS_RANK[a.feed.status] - STATUS_RANK[b.feed.status] ||
    b.feed.consecutiveFailures - a.feed.consecutiveFailures,
  name: () => 0,
  failures: (a, b) => b.feed.consecutiveFailures - a.feed.consecutiveFailures,
  lastSuccess: (a, b) => time(a.feed.lastSuccessAt) - time(b.feed.lastSuccessAt),
  postings: (a, b) => b.activePostings - a.activePostings,
};

/** Every feed with what an operator needs to judge it, failing feeds first unless another order is asked for. */
export async function loadFeedHealth(db: Database, sort: FeedHealthSort = 'status'): Promise<FeedHealth[]> {
  const feeds = await db.feeds.list();
  const feedIds = feeds.map((feed) => feed._id);
  const recruiterIds = feeds.flatMap((feed) => (feed.recruiterId ? [feed.recruiterId] : []));
  const [postings, runs, names] = await Promise.all([
    db.postings.countActiveByFeed(feedIds),
    db.feedRuns.latestByFeed(feedIds),
    db.recruiters.namesById(recruiterIds),
  ]);
  const rows = feeds.map((feed) => ({
    feed,
    owner: feed.recruiterId
      ? { id: String(feed.recruiterId), name: names.get(String(feed.recruiterId)) ?? null }
      : null,
    activePostings: postings.get(String(feed._id)) ?? 0,
    lastRun: runs.get(String(feed._id)) ?? null,
  }));
  return rows.sort((a, b) => COMPARE[sort](a, b) || a.feed.name.localeCompare(b.feed.name));
}

/** Never-succeeded feeds sort before every dated one. */
function time(date: Date | null): number {
  return date ? date.getTime() : 0;
}
