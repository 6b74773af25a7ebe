import { ageOf } from '../domain/age';
import { html, type SafeHtml } from '../web/html';
import { PAGES_STYLESHEET } from '../web/pages-stylesheet';

/** The Content-Security-Policy of every admin page: no scripts, no inline style, nothing loaded from elsewhere. */
export const ADMIN_PAGE_CSP =
  "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function layout(title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · jobfeed admin</title>
        <link rel="stylesheet" href="${PAGES_STYLESHEET.path}" />
      </head>
      <body>
        <header>
          <nav aria-label="Operator pages"><a href="/admin">Feeds</a><a href="/admin/queues">Queues</a></nav>
        </header>
        <main>${body}</main>
      </body>
    </html>`;
}

/** "2024-11-04 15:00 UTC (2 years ago)", or a dash. */
export function when(date: Date | null | undefined, now: Date): SafeHtml | string {
  if (!date) return '—';
  const [day, time] = date.toISOString().slice(0, 16).split('T');
  const relative = date.getTime() > now.getTime() ? inFuture(date, now) : ageOf(date, now);
  return html`<time datetime="${date.toISOString()}"><span class="date">${day}</span> ${time} UTC</time>
    <span class="muted">(${relative})</span>`;
}

function inFuture(date: Date, now: Date): string {
  const minutes = Math.ceil((date.getTime() - now.getTime()) / 60_000);
  return minutes < 120 ? `in ${minutes} min` : `in ${Math.round(minutes / 60)} h`;
}
