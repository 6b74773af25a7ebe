import type { BrowserContext, Page } from 'playwright-core';
import { hoursAgo, preparedPosting } from '../helpers/postings';
import {
  articlePage,
  intersectionsDelivered,
  seedArticleJobs,
  startWidgetSite,
  widgetStates,
  type WidgetSite,
} from './widget-site';
import { waitFor } from '../helpers/wait-for';
import { axeViolations } from './axe';

const FAR_BELOW = '<div style="height:3000px"></div>';

describe('a placement widget on a publisher’s article page, in headless Chromium', () => {
  let site: WidgetSite;
  let placementId: string;
  let context: BrowserContext;

  beforeAll(async () => {
    site = await startWidgetSite();
    await seedArticleJobs(
      site,
      preparedPosting('java', { title: 'Java Developer', company: 'Globex', postedAt: hoursAgo(7) }),
    );
    placementId = await site.placement({
      filters: { companies: ['Acme', 'Globex'] },
      limit: 3,
      locale: 'de',
      theme: 'light',
    });
  }, 60_000);

  afterAll(() => site?.close());

  beforeEach(async () => {
    context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  });
  afterEach(() => context.close());

  const titlesOf = (page: Page, id: string) =>
    page.evaluate(
      (hostId) =>
        Array.from(
          document.getElementById(hostId)!.shadowRoot!.querySelectorAll('li a > span:first-child'),
          (span) => span.textContent,
        ),
      id,
    );

  test('lists only the placement’s jobs in its locale; the page’s attributes narrow, never widen', async () => {
    const page = await context.newPage();
    await page.goto(
      site.page(
        '/placement',
        articlePage(
          site,
          `<div id="own" data-jobfeed="${placementId}"></div>
           <div id="narrow" data-jobfeed="${placementId}" data-company="Globex" data-heading="Jobs bei Globex"></div>
           <div id="wide" data-jobfeed="${placementId}" data-company="Initech" data-limit="10"></div>`,
        ),
      ),
    );
    expect(await widgetStates(page)).toEqual({ own: 'ready', narrow: 'ready', wide: 'empty' });
    expect(await titlesOf(page, 'own')).toEqual([
      'TypeScript Developer',
      'Site Reliability Engineer',
      'Java Developer',
    ]);
    expect(await titlesOf(page, 'narrow')).toEqual(['Site Reliability Engineer', 'Java Developer']);
    const own = await page.evaluate(() => {
      const root = document.getElementById('own')!.shadowRoot!;
      return {
        lang: root.querySelector('section')!.lang,
        heading: root.querySelector('h2')!.textContent,
        link: root.querySelector('a')!.textContent,
        href: root.querySelector('a')!.href,
        meta: root.querySelector('.m')!.textContent,
      };
    });
    expect(own).toEqual({
      lang: 'de',
      heading: 'Aktuelle Jobs',
      link: 'TypeScript Developer, Acme (öffnet in einem neuen Tab)',
      href: expect.stringMatching(
        new RegExp(`^${site.apiUrl}/r/[a-f\\d]{24}\\?p=${placementId}&ranking=recency$`),
      ),
      meta: 'Acme · vor 3 Stunden',
    });
    const texts = await page.evaluate(() =>
      ['narrow', 'wide'].map(
        (id) => document.getElementById(id)!.shadowRoot!.querySelector('h2, [role=status]')!.textContent,
      ),
    );
    expect(texts).toEqual(['Jobs bei Globex', 'Aktuelle Jobs']);
    expect(
      await page.evaluate(
        () => document.getElementById('wide')!.shadowRoot!.querySelector('[role=status]')!.textContent,
      ),
    ).toBe('Zurzeit gibt es keine offenen Stellen. Schauen Sie bald wieder vorbei.');
  });

  test('the page’s keywords rank a placement whose context is "meta", and only that one', async () => {
    const meta = await site.placement({ filters: { companies: ['Acme', 'Globex'] }, context: 'meta' });
    const page = await context.newPage();
    await page.goto(
      site.page(
        '/context',
        articlePage(
          site,
          `<div id="meta" data-jobfeed="${meta}"></div><div id="none" data-jobfeed="${placementId}"></div>`,
          '<meta name="keywords" content="java, kafka">',
        ),
      ),
    );
    await widgetStates(page);
    expect(await titlesOf(page, 'meta')).toEqual([
      'Java Developer',
      'TypeScript Developer',
      'Site Reliability Engineer',
    ]);
    expect(await titlesOf(page, 'none')).toEqual([
      'TypeScript Developer',
      'Site Reliability Engineer',
      'Java Developer',
    ]);
  });

  test('every visible string follows data-locale in en, de, fr, es, nl and pt', async () => {
    const locales = ['en', 'de', 'fr', 'es', 'nl', 'pt'];
    const page = await context.newPage();
    const hosts = locales.map(
      (locale) => `<div id="${locale}" data-jobfeed data-q="astronaut" data-locale="${locale}"></div>`,
    );
    await page.goto(site.page('/locales', articlePage(site, hosts.join(''))));
    await widgetStates(page);
    const shown = await page.evaluate(
      (ids) => ids.map((id) => document.getElementById(id)!.shadowRoot!.querySelector('section')!.innerText),
      locales,
    );
    expect(shown).toEqual([
      'Recent jobs\n\nNo open positions right now. Check back soon.',
      'Aktuelle Jobs\n\nZurzeit gibt es keine offenen Stellen. Schauen Sie bald wieder vorbei.',
      'Offres récentes\n\nAucune offre pour le moment. Revenez bientôt.',
      'Empleos recientes\n\nNo hay ofertas en este momento. Vuelva pronto.',
      'Recente vacatures\n\nEr zijn nu geen vacatures. Kom snel terug.',
      'Vagas recentes\n\nNenhuma vaga aberta no momento. Volte em breve.',
    ]);
  });

  test('theme auto stays light under a dark system only when the page declares light', async () => {
    const dark = await site.browser.newContext({ colorScheme: 'dark' });
    const backgrounds: Record<string, string> = {};
    const pages = {
      declaresLight: '<meta name="color-scheme" content="light">',
      declaresLightInCss: '<style>:root{color-scheme:light}</style>',
      declaresNothing: '',
      declaresBoth: '<meta name="color-scheme" content="light dark">',
    };
    for (const [name, head] of Object.entries(pages)) {
      const page = await dark.newPage();
      await page.goto(
        site.page(
          `/theme-${name}`,
          articlePage(site, '<div id="w" data-jobfeed data-theme="auto"></div>', head),
        ),
      );
      await widgetStates(page);
      backgrounds[name] = await page.evaluate(
        () =>
          getComputedStyle(document.getElementById('w')!.shadowRoot!.querySelector('section')!)
            .backgroundColor,
      );
    }
    await dark.close();
    expect(backgrounds).toEqual({
      declaresLight: 'rgb(255, 255, 255)',
      declaresLightInCss: 'rgb(255, 255, 255)',
      declaresNothing: 'rgb(23, 24, 26)',
      declaresBoth: 'rgb(23, 24, 26)',
    });
  });

  test('impressions go in one beacon once half visible for a second; a click carries p, ranking and dwell', async () => {
    // A placement of its own: beacons of the other tests' pages carry theirs.
    const placementId = await site.placement({ filters: { companies: ['Acme', 'Globex'] } });
    const beacons = () => site.beacons.filter((beacon) => beacon.body.placement === placementId);
    const page = await context.newPage();
    // The page's clock stands still unless the test moves it: "a second in view" is then exact, not a race.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 60_000);
    await page.goto(
      site.page(
        '/impressions',
        articlePage(
          site,
          `<div id="top" data-jobfeed="${placementId}" data-company="Acme"></div>${FAR_BELOW}
           <div id="below" data-jobfeed="${placementId}" data-company="Globex"></div>${FAR_BELOW}`,
        ),
      ),
    );
    await widgetStates(page);
    const ids = await page.evaluate(() =>
      Object.fromEntries(
        ['top', 'below'].map((host) => [
          host,
          Array.from(
            document.getElementById(host)!.shadowRoot!.querySelectorAll('a'),
            (a) => new URL(a.href).pathname.split('/')[2]!,
          ),
        ]),
      ),
    );
    await intersectionsDelivered(page.locator('body'));
    await page.clock.runFor(1000);
    // The lower widget comes into view, but for less than a second.
    await page.evaluate(() => document.getElementById('below')!.scrollIntoView());
    await intersectionsDelivered(page.locator('body'));
    await page.clock.runFor(900);
    await page.evaluate(() => window.scrollTo(0, 0));
    await intersectionsDelivered(page.locator('body'));
    await page.clock.runFor(500);

    // Finished: the API has answered the click, so it was counted or rejected.
    const click = context.waitForEvent('requestfinished', (request) =>
      request.url().startsWith(`${site.apiUrl}/r/`),
    );
    const popup = context.waitForEvent('page');
    await page.locator('#top a').click();
    const clicked = new URL((await click).url());
    // The reader comes back from the posting's tab: the article is visible again.
    await (await popup).close();
    await page.bringToFront();
    expect(Object.fromEntries(clicked.searchParams)).toEqual({
      p: placementId,
      ranking: 'recency',
      dwell: '2400',
    });
    await waitFor(() => beacons().length === 1, 'the beacon sent before the click');
    expect(beacons()).toEqual([
      {
        contentType: 'text/plain;charset=UTF-8',
        body: { placement: placementId, impressions: [{ posting: ids.top![0], ranking: 'recency' }] },
        status: 202,
        answer: expect.objectContaining({ counted: 1 }),
      },
    ]);

    await page.evaluate(() => document.getElementById('below')!.scrollIntoView());
    await intersectionsDelivered(page.locator('body'));
    await page.clock.runFor(1000);
    await page.goto('about:blank');
    await waitFor(() => beacons().length === 2, 'the beacon sent as the page went away');
    expect(beacons()[1]).toMatchObject({
      body: {
        placement: placementId,
        impressions: ids.below!.map((posting) => ({ posting, ranking: 'recency' })),
      },
      answer: { counted: ids.below!.length },
    });
    await site.rollUp();
    expect(await site.countsOf(placementId)).toEqual({
      [ids.top![0]!]: { impressions: 1, clicks: 1 },
      ...Object.fromEntries(ids.below!.map((posting) => [posting, { impressions: 1, clicks: 0 }])),
    });
  });

  test('axe finds no violations on the article page, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const themed = await site.browser.newContext({ colorScheme });
      const page = await themed.newPage();
      await page.goto(
        site.page(
          `/axe-${colorScheme}`,
          articlePage(
            site,
            `<div id="a" data-jobfeed="${placementId}" data-theme="auto"></div><div id="b" data-jobfeed data-q="astronaut"></div>`,
          ),
        ),
      );
      await widgetStates(page);
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const link = document.getElementById('a')!.shadowRoot!.activeElement as HTMLElement;
        return { tag: link.tagName, outline: getComputedStyle(link).outlineStyle };
      });
      expect(focus).toEqual({ tag: 'A', outline: 'solid' });
      expect(await axeViolations(page)).toEqual([]);
      await themed.close();
    }
  });
});
