import { html, toHtmlString } from '../../web/html';

export interface HomeLink {
  href: string;
  label: string;
  about: string;
}

/** Every API answers with these; the demo adds its sample article in front. */
export const STANDARD_HOME_LINKS: HomeLink[] = [
  {
    href: '/recruiters',
    label: 'Recruiter page',
    about: 'paste your API key, preview and add feeds, see their health',
  },
  { href: '/api/openapi.json', label: 'API description', about: 'OpenAPI 3.1, every public route' },
  { href: '/api/v1/jobs/recent', label: 'Recent jobs', about: 'the list widgets show, as JSON' },
];

/** No scripts, nothing loaded from elsewhere: the page is links and an inline style. */
export const HOME_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/** GET /: what this server is and where to go, instead of a JSON 404 for someone who opens its address. */
export function renderHomePage(links: HomeLink[]): string {
  return toHtmlString(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <title>jobfeed</title>
          <style>
            body {
              font:
                16px/1.5 system-ui,
                sans-serif;
              max-width: 40rem;
              margin: 2rem auto;
              padding: 0 1rem;
              color: #1d1d1f;
            }
            li {
              margin: 0.4rem 0;
            }
            .about {
              color: #666;
            }
          </style>
        </head>
        <body>
          <main>
            <h1>jobfeed</h1>
            <p>Partner job feeds in, a clean "Recent Posts" list out.</p>
            <ul>
              ${links.map(
                (link) =>
                  html`<li>
                    <a href="${link.href}">${link.label}</a> <span class="about">— ${link.about}</span>
                  </li>`,
              )}
            </ul>
          </main>
        </body>
      </html>`,
  );
}
