import type { EventBeacon, Ranking } from '../domain/events';

export type Impression = EventBeacon['impressions'][number];

/** A posting counts once it stayed at least half visible this long. */
const VISIBLE_MS = 1000;

/** One page view's impressions of one placement (or of the anonymous list): sent at most once each. */
interface Batch {
  pending: Impression[];
  counted: Set<string>;
}

const batches = new Map<string | null, Batch>();
let eventsUrl = '';
/** The embed page's framing page (EventBeacon.host); undefined for the widget, whose page is the host. */
let host: string | undefined;

/** One beacon per placement with the postings counted since the last one; nothing when none were. */
export function sendImpressions(): void {
  for (const [placement, batch] of batches) {
    if (!batch.pending.length) continue;
    const beacon: EventBeacon = { placement, host, impressions: batch.pending };
    batch.pending = [];
    navigator.sendBeacon(eventsUrl, JSON.stringify(beacon));
  }
}

function batchOf(placement: string | null, apiBase: URL): Batch {
  if (!eventsUrl) {
    eventsUrl = new URL('api/v1/events', apiBase).href;
    addEventListener('pagehide', sendImpressions);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') sendImpressions();
    });
  }
  let batch = batches.get(placement);
  if (!batch) batches.set(placement, (batch = { pending: [], counted: new Set() }));
  return batch;
}

/**
 * Counts each item once it stayed at least half visible for a second while the page was visible; a hidden page
 * stops the clocks, and showing it again starts them anew for the items still in view.
 */
export function watchImpressions(
  apiBase: URL,
  placement: string | null,
  items: Map<Element, Impression>,
  framedBy?: string,
): void {
  host = framedBy;
  const batch = batchOf(placement, apiBase);
  const timers = new Map<Element, ReturnType<typeof setTimeout>>();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const { target, intersectionRatio } of entries) {
        clearTimeout(timers.get(target));
        timers.delete(target);
        if (intersectionRatio < 0.5 || document.visibilityState !== 'visible') continue;
        timers.set(
          target,
          setTimeout(() => {
            const impression = items.get(target)!;
            observer.unobserve(target);
            items.delete(target);
            if (batch.counted.has(impression.posting)) return;
            batch.counted.add(impression.posting);
            batch.pending.push(impression);
          }, VISIBLE_MS),
        );
      }
    },
    { threshold: 0.5 },
  );
  const observeAll = () => {
    for (const element of items.keys()) {
      observer.unobserve(element);
      observer.observe(element);
    }
  };
  document.addEventListener('visibilitychange', () => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    if (document.visibilityState === 'visible') observeAll();
  });
  observeAll();
}

/** How a posting was placed in the list: by the host page's keywords when any of them matched, else by recency. */
export function rankingOf(job: { matched?: string[] }): Ranking {
  return job.matched?.length ? 'context' : 'recency';
}

/**
 * Adds `dwell` (ms since the list was shown), and the embed page's `host`, to a click link as it is followed, and
 * sends the impressions first.
 */
export function followWithDwell(link: HTMLAnchorElement, shownAt: number, framedBy?: string): void {
  const href = framedBy ? `${link.href}&host=${encodeURIComponent(framedBy)}` : link.href;
  const follow = () => {
    link.href = `${href}&dwell=${Date.now() - shownAt}`;
    sendImpressions();
  };
  link.addEventListener('click', follow);
  link.addEventListener('auxclick', follow);
}
