import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Types } from 'mongoose';
import type { Page } from 'playwright-core';
import { listHeight } from '../../src/web/list-styles';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { startWidgetSite, widgetStates, type WidgetSite } from './widget-site';

const OUTPUT = join(__dirname, '..', '..', 'test-output');
const WIDTHS = [1280, 390];
const LIMIT = 3;
const LONG =
  'Senior Platform Engineer for distributed payment systems and developer tooling, Berlin or remote';

/** The widget script as a page that reserves nothing would meet it: loaded after the page's first frames. */
const afterFirstPaint = (widgetSrc: string) =>
  `<script>requestAnimationFrame(() => requestAnimationFrame(() => { const s = document.createElement('script'); s.src = ${JSON.stringify(widgetSrc)}; document.body.append(s); }));</script>`;

/** An article whose widget reserves its height as README says, with text right below it that a shift would move. */
const article = (widgetSrc: string, attributes: string, reserve = true) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Article</title><style>body{margin:0;font:17px/1.6 Georgia,serif}main{max-width:720px;margin:0 auto;padding:16px}</style></head>
<body><main><h1>Article</h1><p>The first paragraph of the story.</p>
<div ${attributes} data-limit="${LIMIT}"${reserve ? ` style="min-height:${listHeight(LIMIT)}px"` : ''}></div>
<p id="below">The story goes on below the widget, and would move if the widget changed its height.</p>
${'<p>More of the story.</p>'.repeat(30)}</main>${reserve ? `<script async src="${widgetSrc}"></script>` : afterFirstPaint(widgetSrc)}</body></html>`;

/** The page's cumulative layout shift so far, from the entries Chromium buffered since it started loading. */
const cumulativeLayoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & {
            value: number;
            hadRecentInput: boolean;
          })[])
            if (!entry.hadRecentInput) total += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(total), 0)));
      }),
  );

describe('the widget keeps the height its host page reserved: CLS in headless Chromium', () => {
  let site: WidgetSite;
  let failing: FixtureServer;
  let hanging: FixtureServer;
  let placementId: string;
  const measured: Record<string, number> = {};

  beforeAll(async () => {
    site = await startWidgetSite();
    await seedPostings(
      site.h.db,
      new Types.ObjectId(),
      ['a', 'b', 'c', 'd'].map((id, i) =>
        preparedPosting(id, {
          title: i === 0 ? LONG : `Developer ${id}`,
          snippet: i === 0 ? LONG.repeat(4) : i === 1 ? '' : 'Short.',
          postedAt: new Date(Date.now() - (i + 1) * 3_600_000),
        }),
      ),
    );
    placementId = await site.placement({ limit: LIMIT });
    const bundle = await (await fetch(`${site.apiUrl}/widget.js`)).text();
    // Two more origins serving the same widget.js: one whose API answers 500, one whose API never answers.
    failing = await startFixtureServer();
    hanging = await startFixtureServer();
    for (const server of [failing, hanging])
      server.handle(
        '/widget.js',
        (_req, res) => void res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle),
      );
    failing.handle(
      '/api/v1/jobs/recent',
      (_req, res) => void res.writeHead(500, { 'access-control-allow-origin': '*' }).end(),
    );
    hanging.handle('/api/v1/jobs/recent', () => undefined);
  }, 60_000);

  afterAll(async () => {
    await mkdir(OUTPUT, { recursive: true });
    await writeFile(join(OUTPUT, 'widget-cls.json'), `${JSON.stringify(measured, null, 2)}\n`);
    await failing?.close();
    await hanging?.close();
    await site?.close();
  });

  const STATES = [
    ['success', () => `${site.apiUrl}/widget.js`, 'data-jobfeed', 'ready'],
    ['success (placement)', () => `${site.apiUrl}/widget.js`, () => `data-jobfeed="${placementId}"`, 'ready'],
    ['empty', () => `${site.apiUrl}/widget.js`, 'data-jobfeed data-q="astronaut"', 'empty'],
    ['error', () => `${failing.url}/widget.js`, 'data-jobfeed', 'error'],
    ['loading', () => `${hanging.url}/widget.js`, 'data-jobfeed', undefined],
  ] as const;

  describe.each(WIDTHS)('at %i px wide', (width) => {
    test.each(STATES)(
      '%s: CLS ≤ 0.01 and the widget exactly as tall as reserved',
      async (name, src, attributes, state) => {
        const context = await site.browser.newContext({ viewport: { width, height: 800 } });
        const page = await context.newPage();
        await page.goto(
          site.page(
            `/cls-${name.replace(/\W/g, '')}-${width}`,
            article(src(), typeof attributes === 'string' ? attributes : attributes()),
          ),
        );
        if (state) expect(Object.values(await widgetStates(page))).toEqual([state]);
        else
          await page.waitForFunction(() =>
            document.querySelector('[data-jobfeed]')?.shadowRoot?.querySelector('section[aria-busy]'),
          );
        const cls = await cumulativeLayoutShift(page);
        measured[`${name} ${width}px`] = cls;
        expect(cls).toBeLessThanOrEqual(0.01);
        const height = await page.evaluate(
          () => document.querySelector('[data-jobfeed]')!.getBoundingClientRect().height,
        );
        expect(height).toBe(listHeight(LIMIT));
        await context.close();
      },
    );
  });

  // The script is loaded after the first frames, as a slow network would: a script that ran before the first paint
  // would shift nothing whatever the reservation, and the test would not show that the measurement sees shifts.
  test('a page that reserves nothing does shift, so the measurement sees shifts', async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await page.goto(site.page('/cls-unreserved', article(`${site.apiUrl}/widget.js`, 'data-jobfeed', false)));
    await widgetStates(page);
    const cls = await cumulativeLayoutShift(page);
    measured['success 390px, nothing reserved'] = cls;
    expect(cls).toBeGreaterThan(0.1);
    await context.close();
  });
});
