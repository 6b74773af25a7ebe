import { ageOf } from '../api/age';
import { constantHtml, html, type SafeHtml } from '../web/html';

const STYLE_SHEET = constantHtml(`
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d1d1f; }
h1 { font-size: 1.4rem; } nav a { margin-right: 1rem; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
th a { color: inherit; } td.error { color: #a00; max-width: 28rem; overflow-wrap: anywhere; }
.status { font-weight: 600; } .failing, .failed { color: #b00; } .paused { color: #777; } .active, .succeeded { color: #070; }
.muted { color: #777; }
`);

/** The Content-Security-Policy of every admin page: no scripts, nothing loaded from elsewhere. */
export const ADMIN_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'";

export function layout(title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title} · jobfeed admin</title>
        <style>
          ${STYLE_SHEET}
        </style>
      </head>
      <body>
        <nav><a href="/admin">Feeds</a><a href="/admin/queues">Queues</a></nav>
        ${body}
      </body>
    </html>`;
}

/** "2024-11-04 15:00 UTC (2 years ago)", or a dash. */
export function when(date: Date | null | undefined, now: Date): SafeHtml | string {
  if (!date) return '—';
  const stamp = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const relative = date.getTime() > now.getTime() ? inFuture(date, now) : ageOf(date, now);
  return html`<time datetime="${date.toISOString()}">${stamp}</time>
    <span class="muted">(${relative})</span>`;
}

function inFuture(date: Date, now: Date): string {
  const minutes = Math.ceil((date.getTime() - now.getTime()) / 60_000);
  return minutes < 120 ? `in ${minutes} min` : `in ${Math.round(minutes / 60)} h`;
}
