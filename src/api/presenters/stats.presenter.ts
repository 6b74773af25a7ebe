import type { z } from 'zod';
import type { PlacementCounts, PostingCounts } from '../../data/event-stats.repository';
import type { FeedStats, PlacementStats } from '../../stats/stats-use-cases';
import type { feedStatsResponse, placementStatsResponse } from '../schemas/stats-responses.schema';

export const ANONYMOUS_PLACEMENT = 'Anonymous widget and feeds';
export const DELETED_PLACEMENT = 'Deleted placement';

function presentPosting({ postingId, ...rest }: PostingCounts) {
  return { id: String(postingId), ...rest };
}

function presentPlacementCounts({ placementId, name, ...counts }: PlacementCounts) {
  return {
    id: placementId ? String(placementId) : null,
    name: placementId ? (name ?? DELETED_PLACEMENT) : ANONYMOUS_PLACEMENT,
    ...counts,
  };
}

export function presentPlacementStats(stats: PlacementStats): z.input<typeof placementStatsResponse> {
  const { placement, from, to, totals, days, byRanking, topPostings } = stats;
  return {
    placement: { id: String(placement._id), name: placement.name },
    from,
    to,
    totals,
    days,
    byRanking,
    topPostings: topPostings.map(presentPosting),
  };
}

export function presentFeedStats(stats: FeedStats): z.input<typeof feedStatsResponse> {
  const { feed, from, to, totals, days, byRanking, postings, placements } = stats;
  return {
    feed: { id: String(feed._id), name: feed.name },
    from,
    to,
    totals,
    days,
    byRanking,
    postings: postings.map(presentPosting),
    placements: placements.map(presentPlacementCounts),
  };
}
