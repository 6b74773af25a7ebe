import {
  MIN_CLICK_DWELL_MS,
  ORIGIN,
  RANKINGS,
  type ClickParams,
  type Ranking,
  type RejectionReason,
} from '../domain/events';

const OBJECT_ID = /^[a-f\d]{24}$/i;

const single = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * GET /r/:id's `p`, `ranking` and `dwell`, read leniently: a malformed value never refuses the redirect, it only
 * keeps the click from being counted (`unknown` for a placement or ranking that cannot exist, `too_fast` for a
 * missing or short dwell after a placement's list).
 */
export function readClickParams(query: Record<string, unknown>): {
  params: ClickParams;
  rejection: RejectionReason | null;
} {
  const p = single(query.p);
  const ranking = single(query.ranking) ?? 'recency';
  const dwell = single(query.dwell);
  const dwellMs = dwell !== undefined && /^\d{1,9}$/.test(dwell) ? Number(dwell) : null;
  const placement = p !== undefined && OBJECT_ID.test(p) ? p : null;
  const host = single(query.host);
  const known = (RANKINGS as readonly string[]).includes(ranking);
  const params: ClickParams = {
    placement,
    host: host !== undefined && host.length <= 300 && ORIGIN.test(host) ? host : null,
    ranking: known ? (ranking as Ranking) : 'recency',
    dwellMs,
  };
  if ((query.p !== undefined && placement === null) || !known) return { params, rejection: 'unknown' };
  if (placement !== null && (dwellMs === null || dwellMs < MIN_CLICK_DWELL_MS))
    return { params, rejection: 'too_fast' };
  return { params, rejection: null };
}
