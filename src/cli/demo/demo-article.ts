import { Router } from 'express';

// The container reserves the widget's height for data-limit="6" (README "Embedding the widget").
const DEMO_SIDEBAR =
  '<div data-jobfeed data-limit="6" data-context-from="meta" data-theme="auto" data-rel="sponsored" style="min-height:606px"></div>';

/**
 * A sample news-site article with the widget in its sidebar, embedded exactly as a site would: one async script
 * tag and a container. `sidebar` replaces the containers (the browser test embeds its own).
 */
export function renderDemoArticle(widgetSrc: string, sidebar = DEMO_SIDEBAR): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light">
<title>Why small teams are rewriting their backends in TypeScript — The Daily Ledger</title>
<meta name="keywords" content="typescript, node.js, backend, developer, java, full stack">
<meta property="og:title" content="Why small teams are rewriting their backends in TypeScript">
<style>
body{margin:0;font:17px/1.6 Georgia,serif;color:#222;background:#faf8f4}
header{background:#1d2a3a;color:#fff;padding:14px 24px;font:700 22px/1 system-ui,sans-serif}
.page{display:grid;grid-template-columns:minmax(0,1fr) 340px;gap:32px;max-width:1100px;margin:24px auto;padding:0 24px}
aside{font-family:system-ui,sans-serif}
aside h2{font-size:14px;text-transform:uppercase;letter-spacing:.06em;color:#666}
@media (max-width:800px){.page{grid-template-columns:1fr}}
</style>
</head>
<body>
<header>The Daily Ledger</header>
<div class="page">
<article>
<h1>Why small teams are rewriting their backends in TypeScript</h1>
<p>Three years after moving its services from Java to Node.js, a mid-sized retailer says the change paid for
itself in hiring alone: one language from the browser to the database, and full stack developers who can follow a
bug from a button to a query.</p>
<p>The trend is not universal. Teams with heavy numeric workloads still reach for the JVM or Rust, and several
engineers we spoke to warned that a typed JavaScript codebase is only as safe as its boundaries.</p>
<p>Still, for the small backend team, the economics are hard to argue with.</p>
</article>
<aside aria-label="Sidebar">
<h2>Jobs for readers like you</h2>
${sidebar}
</aside>
</div>
<script async src="${widgetSrc}"></script>
</body>
</html>`;
}

/** GET /demo: the sample article, from the API itself, so `jobfeed demo` needs nothing else. */
export function demoArticleRouter(): Router {
  const router = Router();
  router.get('/demo', (_req, res) => {
    res.type('html').send(renderDemoArticle('/widget.js'));
  });
  return router;
}
