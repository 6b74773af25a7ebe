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
        <span class="status ${feed.status}">${feed.status}</span> · <span class="muted url">${feed.url}</span>
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
            <th scope="col">Started</th>
            <th scope="col">Finished</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Format</th>
            <th scope="col">Counts</th>
            <th scope="col">Warnings</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          ${runs.map(
            (run) =>
              html`<tr data-run-id="${String(run._id)}">
                <td data-label="Started">${when(run.startedAt, now)}</td>
                <td data-label="Finished">${when(run.finishedAt, now)}</td>
                <td data-label="Status" class="status ${run.status}">${run.status}</td>
                <td data-label="Attempts">${run.attempts}</td>
                <td data-label="Format">${run.format ?? '—'}</td>
                <td data-label="Counts">${countsText(run.counts)}</td>
                <td data-label="Warnings">
                  ${[...(run.warnings ?? []), ...(run.quality?.warnings ?? [])].map((warning) => html`${warning}<br />`)}${run.quality ? html`<span class="muted">${qualityText(run.quality)}</span><br />` : ''}${run.expirySkipped ? html`<span class="expiry-skipped">Nothing expired: ${run.expirySkipped}</span>` : ''}
                </td>
                <td data-label="Error" class="error">
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
