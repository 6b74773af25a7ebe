/**
 * Impressions and clicks: what the widget reports, how a counted event is keyed, and why one is not counted.
 * The contract between the widget (src/widget), the event intake (POST /api/v1/events, GET /r/:id), the Redis
 * counters, the minute roll-up into MongoDB (`event_counts`) and the stats routes.
 */

/** How the list that showed a posting was ordered: by the host page's keywords or newest first. */
export const RANKINGS = ['context', 'recency'] as const;
export type Ranking = (typeof RANKINGS)[number];

export const EVENT_KINDS = ['impression', 'click'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Why an event was not counted; each is a label of the `jobfeed_events_rejected_total` counter. */
export const REJECTION_REASONS = [
  /** A crawler, script or headless browser user agent. */
  'bot',
  /** A prefetch, prerender or HEAD request. */
  'prefetch',
  /** A click sooner after the list was shown than a person clicks (MIN_CLICK_DWELL_MS). */
  'too_fast',
  /** More events from one visitor in a minute than a person makes. */
  'burst',
  /** The page's origin is not in the placement's allowedOrigins. */
  'foreign',
  /** This visitor's event for this posting was already counted today. */
  'duplicate',
  /** The posting or placement the event names does not exist. */
  'unknown',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** A click is a person's when the list had been on screen at least this long (the widget sends `dwell`). */
export const MIN_CLICK_DWELL_MS = 800;

/** A page's origin as browsers send it: scheme, host and an optional port, nothing after. */
export const ORIGIN = /^https?:\/\/[^/?#\s]+$/;

/** Most impressions one beacon may carry (a widget lists at most PLACEMENT_MAX_LIMIT postings). */
export const MAX_BEACON_IMPRESSIONS = 50;

/**
 * The body of `POST /api/v1/events` (sent by `navigator.sendBeacon` as text/plain JSON, so no CORS preflight):
 * the postings of one widget that were at least half visible for one second, once per page view.
 */
export interface EventBeacon {
  /** The placement id, or null for the anonymous widget. */
  placement: string | null;
  /** From the embed page only: the origin of the page that frames it, which allowedOrigins is checked against. */
  host?: string;
  impressions: { posting: string; ranking: Ranking }[];
}

/**
 * A click arrives as `GET /r/:postingId?p=PLACEMENT_ID&ranking=context|recency&dwell=MS`; the widget and the iframe
 * add `dwell` (milliseconds since the list was shown) when the link is followed, and the iframe `host` (the origin
 * of the page that frames it). Clicks from RSS and JSON Feed readers carry no `p` and are counted without the dwell
 * rule.
 */
export interface ClickParams {
  placement: string | null;
  host: string | null;
  ranking: Ranking;
  dwellMs: number | null;
}
