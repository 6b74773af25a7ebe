import type { Request } from 'express';
import { REJECTION_REASONS, type EventKind, type Ranking, type RejectionReason } from '../domain/events';
import type { EventCounter } from '../events/event-counter';
import type { VisitorHasher } from '../events/visitor';
import type { EventMetrics } from '../metrics/event-metrics';
import { isBotAgent, isPrefetch } from './bot-agents';
import type { PlacementForEvents, PlacementLookup } from './placement-lookup';

export interface EventSummary {
  counted: number;
  rejected: Record<RejectionReason, number>;
}

export interface EventRequest {
  kind: EventKind;
  /** Null for lists without a placement (the anonymous widget, feed readers). */
  placementId: string | null;
  /** What the embed page says of the page that frames it (EventBeacon.host). */
  host?: string | null;
  events: { postingId: string; ranking: Ranking }[];
  /** A reason the caller found in what the request carries (a click's `too_fast` or malformed parameters). */
  rejection?: RejectionReason | null;
}

export interface EventIntake {
  /** Checks, counts and reports one request's impressions or click; writes Redis only. */
  record(req: Request, request: EventRequest): Promise<EventSummary>;
}

export interface EventIntakeDependencies {
  placements: PlacementLookup;
  visitors: VisitorHasher;
  counter: EventCounter;
  metrics: EventMetrics;
  /** The origin of PUBLIC_URL. */
  ownOrigin: string;
}

/** The page the event comes from: the Origin header, else the Referer's origin (clicks carry no Origin). */
function pageOrigin(req: Request): string | null {
  const origin = req.headers.origin;
  if (origin && origin !== 'null') return origin;
  const referer = req.headers.referer;
  return referer && URL.canParse(referer) ? new URL(referer).origin : null;
}

/**
 * Outside the placement's allowedOrigins. Events from jobfeed's own origin (PUBLIC_URL) come from the embed page,
 * which any page may frame (frame-ancestors *): for them the page that counts is the one framing it, which the embed
 * page's script reads from the browser (location.ancestorOrigins, else document.referrer) and sends as `host`.
 */
function isForeign(
  placement: PlacementForEvents,
  req: Request,
  host: string | null | undefined,
  ownOrigin: string,
): boolean {
  if (placement.allowedOrigins.length === 0) return false;
  const origin = pageOrigin(req);
  const page = origin === ownOrigin ? (host ?? null) : origin;
  return page === null || !placement.allowedOrigins.includes(page);
}

/** Why the whole request counts nothing, or null when its events go on to the visitor's checks. */
async function requestRejection(
  req: Request,
  request: EventRequest,
  deps: Pick<EventIntakeDependencies, 'placements' | 'ownOrigin'>,
): Promise<RejectionReason | null> {
  if (req.method === 'HEAD' || isPrefetch(req.headers)) return 'prefetch';
  if (isBotAgent(req.headers)) return 'bot';
  if (request.placementId !== null) {
    const placement = await deps.placements.find(request.placementId);
    if (!placement) return 'unknown';
    if (isForeign(placement, req, request.host, deps.ownOrigin)) return 'foreign';
  }
  return request.rejection ?? null;
}

/**
 * The one way an impression or a click is counted: bots, prefetches, unknown placements, foreign pages and the
 * caller's own reasons first, then per visitor (a daily-salted hash, see visitor.ts) bursts and duplicates.
 */
export function createEventIntake(deps: EventIntakeDependencies): EventIntake {
  return {
    async record(req, request) {
      const { kind } = request;
      const rejected = Object.fromEntries(REJECTION_REASONS.map((reason) => [reason, 0])) as Record<
        RejectionReason,
        number
      >;
      const reject = (reason: RejectionReason, count: number) => {
        rejected[reason] += count;
        deps.metrics.rejected(kind, reason, count);
      };
      const whole = await requestRejection(req, request, deps);
      if (whole) {
        reject(whole, request.events.length);
        return { counted: 0, rejected };
      }
      const now = new Date();
      const visitor = await deps.visitors.visitorOf(req.ip ?? '', req.headers['user-agent'] ?? '', now);
      const outcomes = await deps.counter.count(
        visitor,
        request.events.map((event) => ({ kind, placementId: request.placementId, ...event })),
        now,
      );
      const counted = outcomes.filter((outcome) => outcome === null).length;
      if (counted) deps.metrics.counted(kind, counted);
      for (const outcome of outcomes) if (outcome) reject(outcome, 1);
      return { counted, rejected };
    },
  };
}
