import type { Database } from '../data/database';
import type { RecentFilter } from '../data/posting.repository';
import { rankByContext, type RankedPosting } from './context-rank';

/** How many recent postings a context is ranked over: recent enough to matter, few enough to score in memory. */
const CONTEXT_WINDOW = 100;

/**
 * The recent list every public route shows (a placement's too): newest first, or ranked by a host page's context
 * when one is given, each posting then carrying the keywords it matched.
 */
export async function recentPostings(
  db: Database,
  query: RecentFilter & { context?: string },
): Promise<RankedPosting[]> {
  const { context, ...filter } = query;
  if (!context) return db.postings.listRecent(filter);
  const candidates = await db.postings.listRecent({
    ...filter,
    limit: Math.max(CONTEXT_WINDOW, filter.limit),
  });
  return rankByContext(candidates, context).slice(0, filter.limit);
}
