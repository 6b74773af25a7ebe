import type { BrowserContext, Locator, Page } from 'playwright-core';
import { listHeight } from '../../src/web/list-styles';
import { launchChromium } from '../helpers/browser';
import { PERSON } from '../helpers/events';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { sampleValue } from '../helpers/prometheus';
import { waitFor } from '../helpers/wait-for';
import {
  articlePage,
  intersectionsDelivered,
  seedArticleJobs,
  startWidgetSite,
  widgetStates,
  type WidgetSite,
} from './widget-site';

const today = () => new Date().toISOString().slice(0, 10);
const FAR_BELOW = '<div style="height:3000px"></div>';
const NOT_REJECTED = { bot: 0, prefetch: 0, too_fast: 0, burst: 0, foreign: 0, duplicate: 0, unknown: 0 };

describe('a placement’s impressions and clicks, from Chromium through the intake and the roll-up to the stats', () => {
  let site: WidgetSite;
  /** A second site, whose origin no placement allows. */
  let copycat: FixtureServer;

  beforeAll(async () => {
    site = await startWidgetSite();
    copycat = await startFixtureServer();
    await seedArticleJobs(site);
  }, 60_000);

  afterAll(async () => {
    await copycat?.close();
    await site?.close();
  });

  /** Each test counts on a placement of its own: the same reader is a visitor of every test. */
  const acmeAndGlobex = () => site.placement({ filters: { companies: ['Acme', 'Globex'] } });
  const beaconsOf = (placement: string) =>
    site.beacons.filter((beacon) => beacon.body.placement === placement);
  const rejected = async (kind: string, reason: string) =>
    sampleValue(await (await fetch(`${site.apiUrl}/metrics`)).text(), 'jobfeed_events_rejected_total', {
      kind,
      reason,
    }) ?? 0;
  const postingsIn = (page: Page, host: string) =>
    page.evaluate(
      (id) =>
        Array.from(document.getElementById(id)!.shadowRoot!.querySelectorAll('a'), (a) => ({
          posting: new URL(a.href).pathname.split('/')[2]!,
          title: a.firstElementChild!.textContent,
        })),
      host,
    );
  /** A page whose clock only moves when the test moves it: "a second in view" is then exact, not a race. */
  const pageWithStoppedClock = async (context: BrowserContext) => {
    const page = await context.newPage();
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 60_000);
    return page;
  };
  /** Follows the first link of the widget or frame, waits until the API has answered /r/ and closes the tab. */
  const clickFirstJob = async (context: BrowserContext, page: Page, links: Locator) => {
    const clicked = context.waitForEvent('requestfinished', (request) =>
      request.url().startsWith(`${site.apiUrl}/r/`),
    );
    const tab = context.waitForEvent('page');
    await links.first().click();
    const url = new URL((await clicked).url());
    await (await tab).close();
    await page.bringToFront();
    return url;
  };

  test('a widget below the fold counts nothing until in view for a second; scrolling back and forth or a reload count nothing again', async () => {
    const placement = await acmeAndGlobex();
    const url = site.page(
      '/below-the-fold',
      articlePage(site, `${FAR_BELOW}<div id="below" data-jobfeed="${placement}"></div>${FAR_BELOW}`),
    );
    const scrollTo = async (page: Page, where: 'widget' | 'top', ms: number) => {
      await page.evaluate(
        (to) => (to === 'top' ? window.scrollTo(0, 0) : document.getElementById('below')!.scrollIntoView()),
        where,
      );
      await intersectionsDelivered(page.locator('body'));
      await page.clock.runFor(ms);
    };

    // Another reader, who never has the widget in view for a second: their page view counts nothing. It ends with
    // the widget's pagehide listener called while the page runs: a beacon sent as a page is really left carries the
    // browser's agent, not this context's, and would be the other reader's.
    const glance = await site.browser.newContext({ userAgent: `${PERSON} Edg/131.0` });
    const glanced = await pageWithStoppedClock(glance);
    await glanced.goto(url);
    expect(await widgetStates(glanced)).toEqual({ below: 'ready' });
    await scrollTo(glanced, 'top', 5000);
    await scrollTo(glanced, 'widget', 900);
    await scrollTo(glanced, 'top', 2000);
    await glanced.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide')));
    await glance.close();

    const reader = await site.browser.newContext();
    const page = await pageWithStoppedClock(reader);
    await page.goto(url);
    await widgetStates(page);
    const shown = (await postingsIn(page, 'below')).map(({ posting }) => posting);
    await scrollTo(page, 'top', 5000);
    await scrollTo(page, 'widget', 1000);
    await scrollTo(page, 'top', 1000);
    await scrollTo(page, 'widget', 1000);
    await page.reload();
    await waitFor(() => beaconsOf(placement).length >= 1, 'the beacon of the first page view');
    await widgetStates(page);
    await scrollTo(page, 'widget', 1000);
    await page.goto('about:blank');
    await waitFor(() => beaconsOf(placement).length >= 2, 'the beacon of the reloaded page');
    await reader.close();

    const impressions = shown.map((posting) => ({ posting, ranking: 'recency' }));
    expect(beaconsOf(placement)).toEqual([
      {
        contentType: 'text/plain;charset=UTF-8',
        body: { placement, impressions },
        status: 202,
        answer: { counted: 2, rejected: NOT_REJECTED },
      },
      {
        contentType: 'text/plain;charset=UTF-8',
        body: { placement, impressions },
        status: 202,
        answer: { counted: 0, rejected: { ...NOT_REJECTED, duplicate: 2 } },
      },
    ]);
    await site.rollUp();
    expect(await site.countsOf(placement)).toEqual(
      Object.fromEntries(shown.map((posting) => [posting, { impressions: 1, clicks: 0 }])),
    );
  });

  test('the widget lists only the placement’s jobs; a job clicked twice counts once; the publisher’s stats show today', async () => {
    const placement = await acmeAndGlobex();
    const reader = await site.browser.newContext();
    const page = await pageWithStoppedClock(reader);
    await page.goto(
      site.page('/article', articlePage(site, `<div id="w" data-jobfeed="${placement}"></div>`)),
    );
    expect(await widgetStates(page)).toEqual({ w: 'ready' });
    const shown = await postingsIn(page, 'w');
    expect(shown.map(({ title }) => title)).toEqual(['TypeScript Developer', 'Site Reliability Engineer']);
    await intersectionsDelivered(page.locator('body'));
    await page.clock.runFor(1500);
    const links = page.locator('#w a');
    const click = await clickFirstJob(reader, page, links);
    expect(Object.fromEntries(click.searchParams)).toEqual({
      p: placement,
      ranking: 'recency',
      dwell: '1500',
    });
    await clickFirstJob(reader, page, links);
    await waitFor(() => beaconsOf(placement).length === 1, 'the beacon sent as the job was followed');
    expect(beaconsOf(placement)[0]!.answer).toEqual({ counted: 2, rejected: NOT_REJECTED });
    await reader.close();

    await site.rollUp();
    const res = await fetch(
      `${site.apiUrl}/api/v1/placements/${placement}/stats?from=${today()}&to=${today()}`,
      {
        headers: await site.publisherAuth(),
      },
    );
    expect(res.status).toBe(200);
    const stats = (await res.json()) as Record<string, unknown>;
    expect(stats).toMatchObject({
      totals: { impressions: 2, clicks: 1, ctr: 0.5 },
      days: [{ day: today(), impressions: 2, clicks: 1, ctr: 0.5 }],
      byRanking: { recency: { impressions: 2, clicks: 1 }, context: { impressions: 0, clicks: 0 } },
      topPostings: [
        { id: shown[0]!.posting, title: 'TypeScript Developer', impressions: 1, clicks: 1 },
        { id: shown[1]!.posting, title: 'Site Reliability Engineer', impressions: 1, clicks: 0 },
      ],
    });
  });

  test('on an allowed page that sends no referrer a click still counts, and the job’s site gets no referrer', async () => {
    const placement = await acmeAndGlobex();
    const reader = await site.browser.newContext();
    const page = await pageWithStoppedClock(reader);
    const article = articlePage(
      site,
      `<div id="w" data-jobfeed="${placement}"></div>`,
      '<meta name="referrer" content="no-referrer">',
    );
    await page.goto(site.page('/private-article', article));
    await widgetStates(page);
    const [job] = await postingsIn(page, 'w');
    await intersectionsDelivered(page.locator('body'));
    await page.clock.runFor(1500);
    const jobSite = reader.waitForEvent('request', (request) =>
      request.url().startsWith('https://jobs.example.com/'),
    );
    await clickFirstJob(reader, page, page.locator('#w a'));
    expect((await jobSite).headers().referer).toBeUndefined();
    await reader.close();

    await site.rollUp();
    expect((await site.countsOf(placement))[job!.posting]).toEqual({ impressions: 1, clicks: 1 });
  });

  test('on an origin outside allowedOrigins the widget still lists the jobs, and its impressions and click are foreign', async () => {
    const placement = await acmeAndGlobex();
    copycat.handle(
      '/copied-article',
      (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(articlePage(site, `<div id="w" data-jobfeed="${placement}"></div>`)),
    );
    const before = {
      impression: await rejected('impression', 'foreign'),
      click: await rejected('click', 'foreign'),
    };
    const reader = await site.browser.newContext();
    const page = await pageWithStoppedClock(reader);
    await page.goto(`${copycat.url}/copied-article`);
    expect(await widgetStates(page)).toEqual({ w: 'ready' });
    expect((await postingsIn(page, 'w')).map(({ title }) => title)).toEqual([
      'TypeScript Developer',
      'Site Reliability Engineer',
    ]);
    await intersectionsDelivered(page.locator('body'));
    await page.clock.runFor(1500);
    await clickFirstJob(reader, page, page.locator('#w a'));
    await waitFor(() => beaconsOf(placement).length === 1, 'the beacon sent as the job was followed');
    await reader.close();

    expect(beaconsOf(placement)[0]!.answer).toEqual({
      counted: 0,
      rejected: { ...NOT_REJECTED, foreign: 2 },
    });
    expect({
      impression: await rejected('impression', 'foreign'),
      click: await rejected('click', 'foreign'),
    }).toEqual({ impression: before.impression + 2, click: before.click + 1 });
    await site.rollUp();
    expect(await site.countsOf(placement)).toEqual({});
  });

  test('headless Chromium’s own user agent is a bot’s: its impressions are not counted', async () => {
    const placement = await acmeAndGlobex();
    const before = await rejected('impression', 'bot');
    const headless = await launchChromium();
    try {
      const page = await pageWithStoppedClock(await headless.newContext());
      expect(await page.evaluate(() => navigator.userAgent)).toContain('HeadlessChrome');
      await page.goto(site.page('/bot', articlePage(site, `<div id="w" data-jobfeed="${placement}"></div>`)));
      await widgetStates(page);
      await intersectionsDelivered(page.locator('body'));
      await page.clock.runFor(1000);
      await page.goto('about:blank');
      await waitFor(() => beaconsOf(placement).length === 1, 'the beacon sent as the page went away');
    } finally {
      await headless.close();
    }

    expect(beaconsOf(placement)[0]!.answer).toEqual({ counted: 0, rejected: { ...NOT_REJECTED, bot: 2 } });
    expect(await rejected('impression', 'bot')).toBe(before + 2);
    await site.rollUp();
    expect(await site.countsOf(placement)).toEqual({});
  });

  const framingArticle = (placement: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head><body><main><h1>Article</h1>
<iframe id="jobs" src="${site.apiUrl}/embed/recent?placement=${placement}" title="Jobs" style="width:100%;height:${listHeight(2)}px;border:0"></iframe>
</main></body></html>`;
  /** Opens the article at `url`, waits a second and a half with the frame in view, and follows its first job. */
  const readFramedArticle = async (url: string, placement: string) => {
    const reader = await site.browser.newContext();
    const page = await pageWithStoppedClock(reader);
    await page.goto(url);
    const frame = page.frameLocator('#jobs');
    await frame.locator('li').first().waitFor();
    const shown = await frame
      .locator('li')
      .evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.posting!));
    await intersectionsDelivered(frame.locator('main'));
    await page.clock.runFor(1500);
    const click = await clickFirstJob(reader, page, frame.locator('li a'));
    await waitFor(() => beaconsOf(placement).length === 1, 'the frame’s beacon sent as the job was followed');
    await reader.close();
    return { shown, click, beacon: beaconsOf(placement)[0]! };
  };

  test('the iframe on the article page: its impressions and a click count for the placement', async () => {
    const placement = await site.placement({ filters: { companies: ['Acme', 'Globex'] }, limit: 2 });
    const url = site.page('/framed', framingArticle(placement));
    const { shown, click, beacon } = await readFramedArticle(url, placement);

    // The frame's own origin is jobfeed's: it names the page that frames it, as the browser tells it.
    expect(beacon.body.host).toBe(new URL(url).origin);
    expect(click.searchParams.get('host')).toBe(new URL(url).origin);
    expect(beacon.answer).toEqual({ counted: 2, rejected: NOT_REJECTED });
    await site.rollUp();
    expect(await site.countsOf(placement)).toEqual(
      Object.fromEntries(shown.map((posting, i) => [posting, { impressions: 1, clicks: i === 0 ? 1 : 0 }])),
    );
  });

  test('the iframe framed by a page outside allowedOrigins still lists the jobs, and counts nothing', async () => {
    const placement = await site.placement({ filters: { companies: ['Acme', 'Globex'] }, limit: 2 });
    copycat.handle(
      '/framed-copy',
      (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(framingArticle(placement)),
    );
    const before = await rejected('click', 'foreign');
    const { shown, beacon } = await readFramedArticle(`${copycat.url}/framed-copy`, placement);

    expect(shown).toHaveLength(2);
    expect(beacon.body.host).toBe(new URL(copycat.url).origin);
    expect(beacon.answer).toEqual({ counted: 0, rejected: { ...NOT_REJECTED, foreign: 2 } });
    expect(await rejected('click', 'foreign')).toBe(before + 1);
    await site.rollUp();
    expect(await site.countsOf(placement)).toEqual({});
  });
});
