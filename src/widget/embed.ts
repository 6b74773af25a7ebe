import { followWithDwell, watchImpressions, type Impression } from './impressions';

/**
 * The embed page's script (/embed/embed.js, allowed by its CSP as 'self'): tells the parent page its height, and
 * reports impressions and click dwell as the widget does. The list itself is server-rendered.
 */
/** The origin of the page that frames this one, as the browser tells it; the page cannot change it. */
function framingOrigin(): string | undefined {
  if (location.ancestorOrigins?.length) return location.ancestorOrigins[0];
  return document.referrer ? new URL(document.referrer).origin : undefined;
}

const main = document.querySelector('main')!;
const framedBy = framingOrigin();
const base = new URL('/', location.href);
const shownAt = Date.now();
const impressions = new Map<Element, Impression>();
for (const item of document.querySelectorAll<HTMLElement>('li[data-posting]')) {
  impressions.set(item, {
    posting: item.dataset.posting!,
    ranking: item.dataset.ranking === 'context' ? 'context' : 'recency',
  });
  followWithDwell(item.querySelector('a')!, shownAt, framedBy);
}
watchImpressions(base, main.dataset.placement || null, impressions, framedBy);

// The parent may be any site: the height is no secret, so no target origin is named.
new ResizeObserver(() =>
  parent.postMessage({ type: 'jobfeed:height', height: main.offsetHeight }, '*'),
).observe(main);
