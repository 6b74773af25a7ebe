import type { JobSummary } from '../api/schemas/job-summary.schema';
import { STYLES } from './styles';

/** The fields of the API's job summary the widget shows: a type-only import, erased from the bundle. */
type Job = Pick<JobSummary, 'id' | 'title' | 'company' | 'snippet' | 'postedAt' | 'age'>;

const ITEM_HEIGHT = 84;
const TIMEOUT_MS = 8000;
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
];

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

function ageOf(job: Job, format: Intl.RelativeTimeFormat): string {
  if (!job.postedAt) return job.age;
  const seconds = Math.max(0, (Date.now() - Date.parse(job.postedAt)) / 1000);
  for (const [unit, size] of UNITS)
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  return format.format(0, 'minute');
}

function formatFor(locale: string | undefined): Intl.RelativeTimeFormat {
  try {
    return new Intl.RelativeTimeFormat(locale || undefined, { numeric: 'auto' });
  } catch {
    return new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  }
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

function requestUrl(data: DOMStringMap, limit: number): URL {
  const url = new URL('api/v1/jobs/recent', base);
  url.searchParams.set('limit', String(limit));
  const context = data.contextFrom === 'meta' ? pageContext() : data.context;
  const params: [string, string | undefined][] = [
    ['q', data.q],
    ['company', data.company],
    ['context', context?.slice(0, 500)],
  ];
  for (const [name, value] of params) if (value && value.trim()) url.searchParams.set(name, value.trim());
  return url;
}

function renderJobs(section: HTMLElement, jobs: Job[], data: DOMStringMap): void {
  const format = formatFor(data.locale);
  const rel = [
    'noopener',
    ...(data.rel ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((t) => /^[a-z-]+$/.test(t)),
  ];
  const list = el(section, 'ul');
  list.setAttribute('role', 'list');
  for (const job of jobs) {
    const item = el(list, 'li');
    const link = el(item, 'a');
    link.href = new URL(`r/${encodeURIComponent(job.id)}`, base).href;
    link.target = '_blank';
    link.rel = [...new Set(rel)].join(' ');
    el(link, 'span', job.title);
    el(link, 'span', job.company ? `, ${job.company} (opens in a new tab)` : ' (opens in a new tab)', 'v');
    const meta = el(item, 'div', undefined, 'm');
    if (job.company) el(meta, 'span', `${job.company} · `);
    const time = el(meta, 'time', ageOf(job, format));
    if (job.postedAt) time.dateTime = job.postedAt;
    if (job.snippet) el(item, 'p', job.snippet);
  }
}

async function render(host: HTMLElement): Promise<void> {
  const data = host.dataset;
  const limit = Math.min(50, Math.max(1, Number.parseInt(data.limit ?? '', 10) || 6));
  if (!['light', 'dark', 'auto'].includes(data.theme ?? '')) host.dataset.theme = 'light';
  host.style.minHeight = `${limit * ITEM_HEIGHT + 48}px`;
  const root = host.attachShadow({ mode: 'open' });
  el(root, 'style', STYLES);
  const section = el(root, 'section');
  const heading = el(section, 'h2', data.heading || 'Recent jobs');
  heading.id = 'h';
  section.setAttribute('aria-labelledby', 'h');
  section.setAttribute('aria-busy', 'true');
  const state = (text: string, kind: string) => {
    const note = el(section, 'p', text, 's');
    note.setAttribute('role', 'status');
    section.dataset.state = kind;
    host.style.minHeight = '';
  };
  try {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    const response = await fetch(requestUrl(data, limit), { credentials: 'omit', signal: controller.signal });
    clearTimeout(timer);
    if (!response.ok) throw new Error(String(response.status));
    const { jobs } = (await response.json()) as { jobs: Job[] };
    if (jobs.length) {
      renderJobs(section, jobs, data);
      section.dataset.state = 'ready';
    } else state('No open positions right now. Check back soon.', 'empty');
  } catch {
    section.querySelector('ul')?.remove();
    state('Job listings are unavailable at the moment.', 'error');
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
