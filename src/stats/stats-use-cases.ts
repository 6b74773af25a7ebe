import type { Types } from 'mongoose';
import type { Database } from '../data/database';
import type { DayRange, Overview, PlacementCounts, PostingCounts } from '../data/event-stats.repository';
import type { Feed } from '../data/feed.schema';
import type { Placement } from '../data/placement.schema';
import { NotFoundError } from '../errors';
import { validate } from '../validate';
import { statsQuery } from './stats-query.schema';

/** How many postings a placement's stats list. */
export const TOP_POSTINGS = 10;
/** How many postings a feed's stats list, most clicked first. */
export const FEED_POSTINGS = 100;

export interface PlacementStats extends Overview, DayRange {
  placement: Placement;
  topPostings: PostingCounts[];
}

export interface FeedStats extends Overview, DayRange {
  feed: Feed;
  postings: PostingCounts[];
  placements: PlacementCounts[];
}

/** A publisher's placement's counts; another publisher's placement is not found. */
export async function placementStats(
  db: Database,
  publisherId: Types.ObjectId,
  id: string,
  query: unknown,
  now = new Date(),
): Promise<PlacementStats> {
  const range = validate(statsQuery(now), query);
  const placement = await db.placements.findOwned(id, publisherId);
  if (!placement) throw new NotFoundError('Placement');
  return { placement, ...range, ...(await db.eventStats.forPlacement(placement._id, range, TOP_POSTINGS)) };
}

/** A recruiter's feed's counts, in every placement; another recruiter's feed is not found. */
export async function feedStats(
  db: Database,
  recruiterId: Types.ObjectId,
  id: string,
  query: unknown,
  now = new Date(),
): Promise<FeedStats> {
  const range = validate(statsQuery(now), query);
  const feed = await db.feeds.findOwned(id, recruiterId);
  if (!feed) throw new NotFoundError('Feed');
  return { feed, ...range, ...(await db.eventStats.forFeed(feed._id, range, FEED_POSTINGS)) };
}
