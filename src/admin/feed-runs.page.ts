import type { FeedRun, RunQuality } from '../data/feed-run.schema';
import type { Feed } from '../data/feed.schema';
import { countsText } from './feed-health.page';
import { html, type SafeHtml } from '../web/html';
import { layout, when } from './layout';

/** One feed and its recent runs, newest first, with each run's counts, warnings and error. */
export function renderFeedRunsPage(feed: Feed, runs: FeedRun[], now: Date): SafeHtml {
  return layout(
    feed.name,
    html`<h1>${feed.name}</h1>
      <p>
        <span class="status ${feed.status}">${feed.status}</span> · <span class="muted">${feed.url}</span>
      </p>
      <p>
        Last success ${when(feed.lastSuccessAt, now)} · ${feed.consecutiveFailures} consecutive failures ·
        next run ${feed.status === 'paused' ? 'paused' : when(feed.nextRunAt, now)}
      </p>
      ${feed.lastError ? html`<p class="failing">Last error: ${feed.lastError}</p>` : ''}
      <h2>Recent runs</h2>
      <table id="runs">
        <thead>
          <tr>
            <th>Started</th>
            <th>Finished</th>
            <th>Status</th>
            <th>Attempts</th>
            <th>Format</th>
            <th>Counts</th>
            <th>Warnings</th>
            <th>Error</th>
          </tr>
        </thead>
        <tbody>
          ${runs.map(
            (run) =>
              html`<tr data-run-id="${String(run._id)}">
                <td>${when(run.startedAt, now)}</td>
                <td>${when(run.finishedAt, now)}</td>
                <td class="status ${run.status}">${run.status}</td>
                <td>${run.attempts}</td>
                <td>${run.format ?? '—'}</td>
                <td>${countsText(run.counts)}</td>
                <td>
                  ${[...(run.warnings ?? []), ...(run.quality?.warnings ?? [])].map((warning) => html`${warning}<br />`)}${run.quality ? html`<span class="muted">${qualityText(run.quality)}</span><br />` : ''}${run.expirySkipped ? html`<span class="expiry-skipped">Nothing expired: ${run.expirySkipped}</span>` : ''}
                </td>
                <td class="error">
                  ${run.error ?? ''}${run.rejectedSamples?.length ? html`<br /><span class="muted">rejected: ${run.rejectedSamples.map((r) => r.reason).join('; ')}</span>` : ''}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${runs.length ? '' : html`<p class="muted">No runs yet.</p>`}`,
  );
}

/** "title 10/10 · company 8/10 · …": how many of the items seen have each field. */
function qualityText(quality: RunQuality): string {
  return Object.entries(quality.fields)
    .map(([field, { present, of }]) => `${field} ${present}/${of}`)
    .join(' · ');
}
