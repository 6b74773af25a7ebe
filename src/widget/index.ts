import type { JobSummary } from '../api/schemas/job-summary.schema';
import { ageOf } from '../domain/age';
import { listLocale, listStrings, type ListStrings } from '../domain/list-strings';
import { LIST_STYLES, listHeight } from '../web/list-styles';
import { followWithDwell, rankingOf, watchImpressions, type Impression } from './impressions';

/** The fields of the API's job summary the widget shows: a type-only import, erased from the bundle. */
type Job = Pick<JobSummary, 'id' | 'title' | 'company' | 'snippet' | 'postedAt' | 'age'> & {
  matched?: string[];
};
/** How a placement's list wants to be drawn (GET /api/v1/placements/:id/jobs). */
interface PlacementHeader {
  heading: string | null;
  locale: string;
  theme: string;
  context: string;
}
interface Answer {
  jobs: Job[];
  placement?: PlacementHeader;
}

const DEFAULT_LIMIT = 6;
const TIMEOUT_MS = 8000;
const THEMES = ['light', 'dark', 'auto'];

const script = document.currentScript as HTMLScriptElement | null;
const base = new URL('.', script?.src || location.href);

function el<K extends keyof HTMLElementTagNameMap>(
  parent: Node,
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  parent.appendChild(node);
  return node;
}

/** The host page's own keywords: meta keywords, article tags and the og title and description. */
function pageContext(): string {
  const selectors = [
    'meta[name=keywords]',
    'meta[property="article:tag"]',
    'meta[property="og:title"]',
    'meta[property="og:description"]',
  ];
  return Array.from(document.querySelectorAll<HTMLMetaElement>(selectors.join(',')), (meta) => meta.content)
    .join(' ')
    .slice(0, 500);
}

/** "light" or "dark" when the host page declares only that one (meta tag or its root's CSS), else null. */
function pageColorScheme(): string | null {
  const declared =
    document.querySelector<HTMLMetaElement>('meta[name=color-scheme]')?.content ||
    getComputedStyle(document.documentElement).colorScheme;
  const light = /\blight\b/.test(declared);
  return light === /\bdark\b/.test(declared) ? null : light ? 'light' : 'dark';
}

function themeOf(wanted: string | undefined): string {
  const theme = THEMES.includes(wanted ?? '') ? wanted! : 'light';
  return theme === 'auto' ? (pageColorScheme() ?? theme) : theme;
}

/** A placement's list narrowed by the container's attributes, or the anonymous recent list. */
function requestUrl(
  data: DOMStringMap,
  placement: string | null,
  limit: number | undefined,
  context?: string,
): URL {
  const url = new URL(
    placement ? `api/v1/placements/${encodeURIComponent(placement)}/jobs` : 'api/v1/jobs/recent',
    base,
  );
  const params: [string, string | undefined][] = [
    ['limit', limit === undefined ? (placement ? undefined : String(DEFAULT_LIMIT)) : String(limit)],
    ['q', data.q],
    ['company', data.company],
    ['context', (data.context ?? context)?.slice(0, 500)],
  ];
  for (const [name, value] of params) if (value && value.trim()) url.searchParams.set(name, value.trim());
  return url;
}

/**
 * The list to show. A placement is asked first without the page's keywords, an answer shared by every page of the
 * site and so cached once; only one whose publisher ranks by them ("meta") is asked again with them.
 */
async function listFor(
  data: DOMStringMap,
  placement: string | null,
  limit: number | undefined,
): Promise<Answer | null> {
  if (!placement)
    return fetchList(requestUrl(data, null, limit, data.contextFrom === 'meta' ? pageContext() : undefined));
  const answer = await fetchList(requestUrl(data, placement, limit));
  const context = pageContext();
  if (answer?.placement?.context !== 'meta' || data.context || !context.trim()) return answer;
  return fetchList(requestUrl(data, placement, limit, context));
}

function renderJobs(
  section: HTMLElement,
  jobs: Job[],
  data: DOMStringMap,
  placement: string | null,
  locale: string,
  strings: ListStrings,
): void {
  const rel = [
    'noopener',
    ...(data.rel ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((t) => /^[a-z-]+$/.test(t)),
  ];
  const shownAt = Date.now();
  const impressions = new Map<Element, Impression>();
  const list = el(section, 'ul');
  list.setAttribute('role', 'list');
  for (const job of jobs) {
    const ranking = rankingOf(job);
    const item = el(list, 'li');
    const link = el(item, 'a');
    const href = new URL(`r/${encodeURIComponent(job.id)}`, base);
    if (placement) href.searchParams.set('p', placement);
    href.searchParams.set('ranking', ranking);
    link.href = href.href;
    link.target = '_blank';
    link.rel = [...new Set(rel)].join(' ');
    // The click counts only from an allowed page: its origin goes to /r/ even where the page sends no referrer.
    // /r/'s own Referrer-Policy (no-referrer) keeps it from the job's site.
    link.referrerPolicy = 'strict-origin';
    el(link, 'span', job.title);
    el(link, 'span', `${job.company ? `, ${job.company}` : ''} (${strings.newTab})`, 'v');
    followWithDwell(link, shownAt);
    const meta = el(item, 'div', undefined, 'm');
    if (job.company) el(meta, 'span', `${job.company} · `);
    const time = el(meta, 'time', job.postedAt ? ageOf(new Date(job.postedAt), new Date(), locale) : job.age);
    if (job.postedAt) time.dateTime = job.postedAt;
    if (job.snippet) el(item, 'p', job.snippet);
    impressions.set(item, { posting: job.id, ranking });
  }
  watchImpressions(base, placement, impressions);
}

/** The list's answer, or null when the API failed, refused or took too long. */
async function fetchList(url: URL): Promise<Answer | null> {
  try {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    const response = await fetch(url, { credentials: 'omit', signal: controller.signal });
    clearTimeout(timer);
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

async function render(host: HTMLElement): Promise<void> {
  const data = host.dataset;
  const placement = data.jobfeed || null;
  const asked = Number.parseInt(data.limit ?? '', 10);
  const limit = asked ? Math.min(50, Math.max(1, asked)) : undefined;
  // The host page should have reserved the height already (README); this only helps pages that did not.
  if (!Number.parseFloat(getComputedStyle(host).minHeight))
    host.style.minHeight = `${listHeight(limit ?? DEFAULT_LIMIT)}px`;
  const root = host.attachShadow({ mode: 'open' });
  el(root, 'style', LIST_STYLES);
  const section = el(root, 'section');
  section.setAttribute('aria-busy', 'true');
  // A placement's theme is the server's (auto unless its publisher chose); the anonymous list is light.
  const defaultTheme = placement ? 'auto' : 'light';
  section.dataset.theme = themeOf(data.theme || defaultTheme);
  const answer = await listFor(data, placement, limit);
  const jobs = answer?.jobs;
  const header = answer?.placement;
  const locale = listLocale(data.locale || header?.locale);
  const strings = listStrings(locale);
  section.lang = locale;
  section.dataset.theme = themeOf(data.theme || header?.theme || defaultTheme);
  const heading = el(section, 'h2', data.heading || header?.heading || strings.heading);
  heading.id = 'h';
  section.setAttribute('aria-labelledby', 'h');
  if (jobs?.length) {
    renderJobs(section, jobs, data, placement, locale, strings);
    section.dataset.state = 'ready';
  } else {
    el(section, 'p', jobs ? strings.empty : strings.error, 's').setAttribute('role', 'status');
    section.dataset.state = jobs ? 'empty' : 'error';
  }
  section.removeAttribute('aria-busy');
}

function start(): void {
  for (const host of document.querySelectorAll<HTMLElement>('[data-jobfeed]')) {
    if (host.shadowRoot || host.dataset.jobfeedStarted) continue;
    host.dataset.jobfeedStarted = '1';
    render(host).catch(() => undefined);
  }
}

try {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
} catch {
  // A widget that cannot start leaves the host page as it was.
}
