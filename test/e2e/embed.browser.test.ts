import type { Page } from 'playwright-core';
import { listHeight } from '../../src/web/list-styles';
import { waitFor } from '../helpers/wait-for';
import { intersectionsDelivered, startWidgetSite, type WidgetSite, seedArticleJobs } from './widget-site';
import { axeViolations } from './axe';

/** The resize snippet of README "Embedding the widget", for the API at `apiUrl`. */
const resizeSnippet = (apiUrl: string) => `<script>
addEventListener('message', (event) => {
  if (event.origin !== '${apiUrl}' || event.data?.type !== 'jobfeed:height') return;
  for (const frame of document.querySelectorAll('iframe'))
    if (frame.contentWindow === event.source) frame.style.height = event.data.height + 'px';
});
</script>`;

const hostPage = (src: string, apiUrl: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head><body><main><h1>Article</h1>
<iframe id="jobs" src="${src}" title="Jobs" style="width:100%;height:150px;border:0"></iframe>
<p>The story goes on.</p></main>${resizeSnippet(apiUrl)}</body></html>`;

describe('the embed page in an iframe on a publisher’s page from another origin, in headless Chromium', () => {
  let site: WidgetSite;
  let placementId: string;

  beforeAll(async () => {
    site = await startWidgetSite();
    await seedArticleJobs(site);
    placementId = await site.placement({
      filters: { companies: ['Acme', 'Globex'] },
      limit: 3,
      locale: 'de',
    });
  }, 60_000);

  afterAll(() => site?.close());

  const frameHeight = (page: Page) =>
    page.evaluate(() => document.getElementById('jobs')!.getBoundingClientRect().height);

  test('posts its height and the snippet resizes the frame; messages from other origins are ignored', async () => {
    const context = await site.browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    const src = `${site.apiUrl}/embed/recent?placement=${placementId}&locale=fr&theme=dark`;
    await page.goto(site.page('/iframe', hostPage(src, site.apiUrl)));
    await waitFor(
      async () => (await frameHeight(page)) === listHeight(3),
      'the frame to take the list’s height',
    );
    // A message the page posts itself comes from its own origin; the marker after it arrives after it was handled.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          addEventListener('message', (event) => event.data === 'handled' && resolve());
          postMessage({ type: 'jobfeed:height', height: 5 }, '*');
          postMessage('handled', '*');
        }),
    );
    expect(await frameHeight(page)).toBe(listHeight(3));

    const frame = page.frameLocator('#jobs');
    expect(await frame.locator('h1').textContent()).toBe('Offres récentes');
    expect(await frame.locator('li a').allTextContents()).toEqual([
      'TypeScript Developer, Acme (s’ouvre dans un nouvel onglet)',
      'Site Reliability Engineer, Globex (s’ouvre dans un nouvel onglet)',
    ]);
    expect(await frame.locator('li .m').first().textContent()).toBe('Acme · il y a 3 heures');
    expect(
      await frame.locator('section').evaluate((section) => getComputedStyle(section).backgroundColor),
    ).toBe('rgb(23, 24, 26)');
    await context.close();
  });

  test('sends one beacon of the postings seen for a second, and a click carries p, ranking, dwell and the framing page', async () => {
    const impressionsOf = await site.placement({ filters: { companies: ['Acme', 'Globex'] } });
    const beacons = () => site.beacons.filter((beacon) => beacon.body.placement === impressionsOf);
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 60_000);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const article = site.page(
      '/iframe-events',
      hostPage(`${site.apiUrl}/embed/recent?placement=${impressionsOf}`, site.apiUrl),
    );
    await page.goto(article);
    const frame = page.frameLocator('#jobs');
    await frame.locator('li').first().waitFor();
    await waitFor(async () => (await frameHeight(page)) > 150, 'the frame to be resized');
    await intersectionsDelivered(frame.locator('main'));
    await page.clock.runFor(1500);
    const ids = await frame
      .locator('li')
      .evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.posting));
    // Finished: the API has answered the click, so it was counted or rejected.
    const click = context.waitForEvent('requestfinished', (request) =>
      request.url().startsWith(`${site.apiUrl}/r/`),
    );
    await frame.locator('li a').first().click();
    expect(Object.fromEntries(new URL((await click).url()).searchParams)).toEqual({
      p: impressionsOf,
      ranking: 'recency',
      host: new URL(article).origin,
      dwell: '1500',
    });
    await waitFor(() => beacons().length === 1, 'the beacon sent before the click');
    expect(beacons()).toEqual([
      {
        contentType: 'text/plain;charset=UTF-8',
        body: {
          placement: impressionsOf,
          host: new URL(article).origin,
          impressions: ids.map((posting) => ({ posting, ranking: 'recency' })),
        },
        status: 202,
        answer: expect.objectContaining({ counted: ids.length }),
      },
    ]);
    await site.rollUp();
    expect(await site.countsOf(impressionsOf)).toEqual(
      Object.fromEntries(ids.map((posting, i) => [posting, { impressions: 1, clicks: i === 0 ? 1 : 0 }])),
    );
    expect(violations).toEqual([]);
    await context.close();
  });

  test('axe finds no violations on the embed page, light and dark; focus is visible', async () => {
    for (const theme of ['light', 'dark']) {
      const context = await site.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${site.apiUrl}/embed/recent?placement=${placementId}&theme=${theme}`);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
