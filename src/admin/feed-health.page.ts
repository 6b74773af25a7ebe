import type { RunCounts } from '../data/feed-run.schema';
import type { FeedHealth, FeedHealthSort } from './feed-health';
import { html, type SafeHtml } from '../web/html';
import { layout, when } from './layout';

const SORT_LABELS: Record<FeedHealthSort, string> = {
  status: 'Status',
  name: 'Feed',
  failures: 'Failures',
  lastSuccess: 'Last success',
  postings: 'Active postings',
};

/** The operators' feed health table: one row per feed, each linking to its recent runs. */
export function renderFeedHealthPage(rows: FeedHealth[], sort: FeedHealthSort, now: Date): SafeHtml {
  const failing = rows.filter((row) => row.feed.status === 'failing').length;
  const header = (column: FeedHealthSort) =>
    column === sort
      ? html`<th
          scope="col"
          aria-sort="${column === 'name' || column === 'lastSuccess' ? 'ascending' : 'descending'}"
        >
          ${SORT_LABELS[column]}
        </th>`
      : html`<th scope="col"><a href="/admin?sort=${column}">${SORT_LABELS[column]}</a></th>`;
  return layout(
    'Feeds',
    html`<h1>Feeds</h1>
      <p>
        ${rows.length} feeds, <span class="failing">${failing} failing</span>. Sorted by
        ${SORT_LABELS[sort].toLowerCase()}.
      </p>
      <table id="feeds">
        <thead>
          <tr>
            ${header('name')}
            <th scope="col">Owner</th>
            ${header('status')}${header('lastSuccess')}${header('failures')}
            <th scope="col">Last error</th>
            ${header('postings')}
            <th scope="col">Last run</th>
            <th scope="col">Next run</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((row) => feedRow(row, now))}
        </tbody>
      </table>`,
  );
}

function feedRow({ feed, owner, activePostings, lastRun }: FeedHealth, now: Date): SafeHtml {
  return html`<tr data-feed-id="${String(feed._id)}" data-status="${feed.status}">
    <td data-label="${SORT_LABELS.name}">
      <a href="/admin/feeds/${String(feed._id)}">${feed.name}</a><br /><span class="muted url"
        >${feed.url}</span
      >
    </td>
    <td data-label="Owner">
      ${owner ? html`${owner.name ?? 'recruiter'} <span class="muted">${owner.id}</span>` : html`<span class="muted">operator</span>`}
    </td>
    <td data-label="${SORT_LABELS.status}" class="status ${feed.status}">${feed.status}</td>
    <td data-label="${SORT_LABELS.lastSuccess}">${when(feed.lastSuccessAt, now)}</td>
    <td data-label="${SORT_LABELS.failures}">${feed.consecutiveFailures}</td>
    <td data-label="Last error" class="error">${feed.lastError ?? ''}</td>
    <td data-label="${SORT_LABELS.postings}">${activePostings}</td>
    <td data-label="Last run">
      ${lastRun ? html`<span class="${lastRun.status}">${lastRun.status}</span> ${when(lastRun.startedAt, now)}<br /><span class="muted">${countsText(lastRun.counts)}</span>` : '—'}
    </td>
    <td data-label="Next run">
      ${feed.status === 'paused' ? html`<span class="muted">paused</span>` : when(feed.nextRunAt, now)}
    </td>
  </tr>`;
}

const COUNT_ORDER = ['seen', 'inserted', 'updated', 'unchanged', 'rejected'];

/** "seen 6, inserted 5, …" in a fixed order; counts added later (expired) join in without a change here. */
export function countsText(counts: RunCounts | undefined): string {
  if (!counts) return '';
  const entries = Object.entries(counts as unknown as Record<string, number>);
  const rank = (name: string) =>
    COUNT_ORDER.includes(name) ? COUNT_ORDER.indexOf(name) : COUNT_ORDER.length;
  return entries
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
}
