import type { FeedFormat } from '../ingest/formats/format';
import { html, type SafeHtml } from '../web/html';
import { PAGES_STYLESHEET } from '../web/pages-stylesheet';

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
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>jobfeed for recruiters</title>
        <link rel="stylesheet" href="${PAGES_STYLESHEET.path}" />
        <script src="/pages/account-page.js" defer></script>
        <script src="/pages/stats-view.js" defer></script>
        <script src="/recruiters/recruiters.js" defer></script>
      </head>
      <body>
        <header>
          <h1>jobfeed for recruiters</h1>
          <p>
            Preview your job feed, see what will be listed and what to fix, add it, and watch its health and
            its impressions and clicks.
          </p>
        </header>
        <main>
          <section aria-labelledby="key-heading">
            <h2 id="key-heading">1. Your API key</h2>
            <form id="key-form" novalidate>
              <label for="api-key">API key</label>
              <input
                id="api-key"
                name="apiKey"
                type="password"
                autocomplete="off"
                spellcheck="false"
                required
                aria-describedby="api-key-help"
              />
              <p id="api-key-help" class="help">
                The key your operator gave you (starts with <code>jf_</code>). It stays in this page's memory
                only.
              </p>
              <div class="check">
                <input id="remember-key" name="remember" type="checkbox" />
                <label for="remember-key">Remember the key in this browser tab until I close it</label>
              </div>
              <button type="submit">Use this key</button>
            </form>
          </section>

          <div id="error" role="alert" class="alert" hidden></div>
          <p id="status" role="status" class="live"></p>

          <section aria-labelledby="preview-heading">
            <h2 id="preview-heading">2. Preview a feed</h2>
            <form id="preview-form" novalidate>
              <label for="feed-url">Feed URL</label>
              <input
                id="feed-url"
                name="url"
                type="url"
                required
                placeholder="https://example.com/jobs.xml"
              />
              <label for="feed-format">Format</label>
              <select id="feed-format" name="format" aria-describedby="feed-format-help">
                <option value="">Detect it</option>
                ${formats.map((format) => html`<option value="${format.name}">${formatLabel(format)}</option>`)}
              </select>
              <p id="feed-format-help" class="help">
                The formats ending in "mapping" need a field mapping, which only the API takes (see the
                README).
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
          </section>

          <section aria-labelledby="stats-heading">
            <h2 id="stats-heading">4. Impressions and clicks</h2>
            <form id="stats-form" novalidate>
              <label for="stats-of">Feed</label>
              <select id="stats-of" name="feed" required></select>
              <label for="stats-from">From (UTC day)</label>
              <input id="stats-from" name="from" type="date" required />
              <label for="stats-to">To (UTC day)</label>
              <input id="stats-to" name="to" type="date" required />
              <button type="submit">Show stats</button>
            </form>
            <div id="stats"></div>
          </section>
        </main>
      </body>
    </html>`;
}
