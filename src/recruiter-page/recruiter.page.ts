import type { FeedFormat } from '../ingest/formats/format';
import { html, type SafeHtml } from '../web/html';
import { renderAccountPage } from '../web/account-page-layout';

/** "RSS 2.0 feed (rss)": what the format is, and the name the API takes. */
function formatLabel(format: FeedFormat): string {
  const what = format.description.replace(/^an? /, '');
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} (${format.name})`;
}

/**
 * GET /recruiters: rendered once at start. The format menu lists every format the server reads; the script
 * (recruiters.js) fills in everything that comes from the API.
 */
export function renderRecruiterPage(formats: FeedFormat[]): SafeHtml {
  return renderAccountPage({
    who: 'recruiters',
    intro: html`Preview your job feed, see what will be listed and what to fix, add it, and watch its health
    and its impressions and clicks.`,
    keyHelp: html`The key your operator gave you (starts with <code>jf_</code>).`,
    sections: html`<section aria-labelledby="preview-heading">
        <h2 id="preview-heading">2. Preview a feed</h2>
        <form id="preview-form" novalidate>
          <label for="feed-url">Feed URL</label>
          <input id="feed-url" name="url" type="url" required placeholder="https://example.com/jobs.xml" />
          <label for="feed-format">Format</label>
          <select id="feed-format" name="format" aria-describedby="feed-format-help">
            <option value="">Detect it</option>
            ${formats.map((format) => html`<option value="${format.name}">${formatLabel(format)}</option>`)}
          </select>
          <p id="feed-format-help" class="help">
            The formats ending in "mapping" need a field mapping, which only the API takes (see the README).
          </p>
          <label for="feed-company">Company for postings that name none (optional)</label>
          <input id="feed-company" name="company" type="text" maxlength="200" />
          <button type="submit">Preview</button>
        </form>
        <div id="preview" hidden>
          <h3>What jobfeed reads</h3>
          <p id="preview-summary"></p>
          <table id="preview-quality" aria-label="Fields each posting has">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Postings with it</th>
              </tr>
            </thead>
            <tbody></tbody>
          </table>
          <h3 id="warnings-heading">What to fix</h3>
          <ul id="preview-warnings" aria-labelledby="warnings-heading"></ul>
          <h3 id="rejected-heading">Skipped items</h3>
          <ul id="preview-rejected" aria-labelledby="rejected-heading"></ul>
          <h3 id="postings-heading">Postings as they will appear</h3>
          <ol id="preview-postings" class="postings" aria-labelledby="postings-heading"></ol>

          <h3>Add this feed</h3>
          <form id="add-form" novalidate>
            <label for="feed-name">Name</label>
            <input id="feed-name" name="name" type="text" required maxlength="200" />
            <label for="feed-interval">Minutes between polls (5 to 1440)</label>
            <input
              id="feed-interval"
              name="intervalMinutes"
              type="number"
              min="5"
              max="1440"
              value="60"
              required
            />
            <button type="submit">Add feed</button>
          </form>
        </div>
      </section>

      <section aria-labelledby="feeds-heading">
        <h2 id="feeds-heading">3. Your feeds</h2>
        <button id="refresh-feeds" type="button">Refresh</button>
        <table id="feeds-table" hidden>
          <caption>
            Your feeds and their health
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">URL</th>
              <th scope="col">Status</th>
              <th scope="col">Active postings</th>
              <th scope="col">Last success</th>
              <th scope="col">Failures in a row</th>
              <th scope="col">Last error</th>
              <th scope="col">Next poll</th>
            </tr>
          </thead>
          <tbody id="feeds-body"></tbody>
        </table>
        <p id="feeds-empty" hidden>You have no feeds yet.</p>
      </section>`,
    stats: { step: 4, of: 'Feed', name: 'feed' },
  });
}
