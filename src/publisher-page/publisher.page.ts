import { html, type SafeHtml } from '../web/html';
import { PAGES_STYLESHEET } from '../web/pages-stylesheet';

/** GET /publishers: static; the script (publishers.js) fills in everything that comes from the API. */
export function renderPublisherPage(): SafeHtml {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>jobfeed for publishers</title>
        <link rel="stylesheet" href="${PAGES_STYLESHEET.path}" />
        <script src="/pages/account-page.js" defer></script>
        <script src="/pages/stats-view.js" defer></script>
        <script src="/publishers/publishers.js" defer></script>
      </head>
      <body>
        <header>
          <h1>jobfeed for publishers</h1>
          <p>See your placements, copy their embed snippets, and watch their impressions and clicks.</p>
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
                The publisher key your operator gave you (starts with <code>jfp_</code>). It stays in this
                page's memory only.
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

          <section aria-labelledby="placements-heading">
            <h2 id="placements-heading">2. Your placements</h2>
            <button id="refresh-placements" type="button">Refresh</button>
            <div id="placements"></div>
            <p id="placements-empty" hidden>
              You have no placements yet: create one with <code>POST /api/v1/placements</code> (see the
              README).
            </p>
          </section>

          <section aria-labelledby="stats-heading">
            <h2 id="stats-heading">3. Impressions and clicks</h2>
            <form id="stats-form" novalidate>
              <label for="stats-of">Placement</label>
              <select id="stats-of" name="placement" required></select>
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
