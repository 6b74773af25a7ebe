import { renderAccountPage } from '../web/account-page-layout';
import { html, type SafeHtml } from '../web/html';

/** GET /publishers: static; the script (publishers.js) fills in everything that comes from the API. */
export function renderPublisherPage(): SafeHtml {
  return renderAccountPage({
    who: 'publishers',
    intro: html`See your placements, copy their embed snippets, and watch their impressions and clicks.`,
    keyHelp: html`The publisher key your operator gave you (starts with <code>jfp_</code>).`,
    sections: html`<section aria-labelledby="placements-heading">
      <h2 id="placements-heading">2. Your placements</h2>
      <button id="refresh-placements" type="button">Refresh</button>
      <div id="placements"></div>
      <p id="placements-empty" hidden>
        You have no placements yet: create one with <code>POST /api/v1/placements</code> (see the README).
      </p>
    </section>`,
    stats: { step: 3, of: 'Placement', name: 'placement' },
  });
}
