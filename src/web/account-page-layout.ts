import { html, type SafeHtml } from './html';
import { PAGES_STYLESHEET } from './pages-stylesheet';

/** What differs between the recruiter and the publisher page; the script fills in everything from the API. */
export interface AccountPage {
  /** "recruiters" or "publishers": the title, and the page's own script at /WHO/WHO.js. */
  who: string;
  intro: SafeHtml;
  /** Which key the operator gave, under the key field. */
  keyHelp: SafeHtml;
  /** The numbered sections after the key and before the stats. */
  sections: SafeHtml;
  /** The stats section's number and what it shows the counts of: `{ step: 4, of: 'Feed', name: 'feed' }`. */
  stats: { step: number; of: string; name: string };
}

/** The page of one kind of account: the key form, the alert and status lines, its sections, and the stats form. */
export function renderAccountPage({ who, intro, keyHelp, sections, stats }: AccountPage): SafeHtml {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>jobfeed for ${who}</title>
        <link rel="stylesheet" href="${PAGES_STYLESHEET.path}" />
        <script src="/pages/account-page.js" defer></script>
        <script src="/pages/stats-view.js" defer></script>
        <script src="/${who}/${who}.js" defer></script>
      </head>
      <body>
        <header>
          <h1>jobfeed for ${who}</h1>
          <p>${intro}</p>
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
              <p id="api-key-help" class="help">${keyHelp} It stays in this page's memory only.</p>
              <div class="check">
                <input id="remember-key" name="remember" type="checkbox" />
                <label for="remember-key">Remember the key in this browser tab until I close it</label>
              </div>
              <button type="submit">Use this key</button>
            </form>
          </section>

          <div id="error" role="alert" class="alert" hidden></div>
          <p id="status" role="status" class="live"></p>

          ${sections}

          <section aria-labelledby="stats-heading">
            <h2 id="stats-heading">${stats.step}. Impressions and clicks</h2>
            <form id="stats-form" novalidate>
              <label for="stats-of">${stats.of}</label>
              <select id="stats-of" name="${stats.name}" required></select>
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
