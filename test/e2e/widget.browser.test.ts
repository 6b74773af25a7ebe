import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Types } from 'mongoose';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import type { RunningApi } from '../../src/api/server';
import { startListeningApi } from '../helpers/listening-api';
import { renderDemoArticle } from '../../src/cli/demo/demo-article';
import { listHeight } from '../../src/web/list-styles';
import { startHarness, type Harness } from '../helpers/harness';
import { hoursAgo, preparedPosting, seedPostings } from '../helpers/postings';

const HOSTILE = '<img src=x onerror=window.__pwned=1>';
const OUTPUT = join(__dirname, '..', '..', 'test-output');

const SIDEBAR = `
<div id="all" data-jobfeed data-limit="4" data-locale="de"></div>
<div id="globex" data-jobfeed data-company="Globex" data-theme="dark" data-rel="sponsored nofollow"></div>
<div id="empty" data-jobfeed data-q="astronaut"></div>
<div id="context" data-jobfeed data-limit="2" data-context-from="meta"></div>
<div id="broken" data-jobfeed data-q="${'x'.repeat(150)}"></div>`;

interface RenderedItem {
  title: string;
  href: string;
  rel: string;
  target: string;
  linkName: string;
  meta: string;
  snippet: string | null;
  datetime: string | null;
}

describe('widget.js on a sample article page, in headless Chromium', () => {
  let h: Harness;
  let api: RunningApi;
  let article: Server;
  let articleUrl: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    h = await startHarness({ workers: false });
    await seedPostings(h.db, new Types.ObjectId(), [
      preparedPosting('hostile', {
        title: HOSTILE,
        company: 'Mallory & Co',
        snippet: '<script>window.__pwned=2</script> Apply now.',
        postedAt: hoursAgo(1),
      }),
      preparedPosting('ts', {
        title: 'TypeScript Developer',
        company: 'Acme',
        snippet: 'Build our Node.js services.',
        postedAt: hoursAgo(3),
      }),
      preparedPosting('globex-1', {
        title: 'Site Reliability Engineer',
        company: 'Globex',
        snippet: 'Keep the lights on.',
        postedAt: hoursAgo(26),
      }),
      preparedPosting('globex-2', {
        title: 'Java Developer',
        company: 'Globex',
        snippet: 'Spring Boot and Kafka.',
        postedAt: hoursAgo(24 * 400),
      }),
    ]);
    api = await startListeningApi(h);

    // The article is served from another origin than the API, as on a real news site.
    const html = renderDemoArticle(`${api.url}/widget.js`, SIDEBAR);
    article = createServer((_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(html));
    await new Promise<void>((resolve) => article.listen(0, '127.0.0.1', resolve));
    articleUrl = `http://127.0.0.1:${(article.address() as AddressInfo).port}/news/typescript-backends`;

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 1100 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      pageErrors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(articleUrl);
    await page.waitForFunction(() =>
      ['all', 'globex', 'empty', 'broken', 'context'].every((id) => {
        const state = document.getElementById(id)?.shadowRoot?.querySelector('section')?.dataset.state;
        return state !== undefined;
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => article?.close(resolve));
    await api?.close();
    await h?.close();
  });

  const itemsOf = (id: string) =>
    page.evaluate((containerId) => {
      const root = document.getElementById(containerId)!.shadowRoot!;
      return Array.from(root.querySelectorAll('li'), (li) => {
        const link = li.querySelector('a')!;
        return {
          title: link.firstElementChild!.textContent!,
          href: link.href,
          rel: link.rel,
          target: link.target,
          linkName: link.textContent!,
          meta: li.querySelector('.m')!.textContent!,
          snippet: li.querySelector('p')?.textContent ?? null,
          datetime: li.querySelector('time')!.getAttribute('datetime'),
        };
      });
    }, id) as Promise<RenderedItem[]>;

  test('renders each posting with title, company, snippet and an age in the container’s locale', async () => {
    const items = await itemsOf('all');
    expect(items.map((item) => item.title)).toEqual([
      HOSTILE,
      'TypeScript Developer',
      'Site Reliability Engineer',
      'Java Developer',
    ]);
    expect(items[1]).toMatchObject({
      meta: 'Acme · vor 3 Stunden',
      snippet: 'Build our Node.js services.',
      rel: 'noopener',
      target: '_blank',
      linkName: 'TypeScript Developer, Acme (öffnet in einem neuen Tab)',
    });
    expect(items[1]!.href).toMatch(new RegExp(`^${api.url}/r/[a-f\\d]{24}\\?ranking=recency$`));
    expect(items[2]!.meta).toBe('Globex · gestern');
    expect(items[3]!.meta).toBe('Globex · letztes Jahr');
    expect(Date.parse(items[1]!.datetime!)).toBeGreaterThan(Date.now() - 4 * 3_600_000);
    const list = await page.evaluate(() => {
      const root = document.getElementById('all')!.shadowRoot!;
      return {
        role: root.querySelector('ul')!.getAttribute('role'),
        heading: root.querySelector('h2')!.textContent,
      };
    });
    expect(list).toEqual({ role: 'list', heading: 'Aktuelle Jobs' });
  });

  test('a hostile posting’s markup shows as text and runs nothing', async () => {
    const [hostile] = await itemsOf('all');
    expect(hostile!.title).toBe(HOSTILE);
    expect(hostile!.snippet).toBe('<script>window.__pwned=2</script> Apply now.');
    const injected = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      images: document.querySelectorAll('img').length,
      shadowImages: document.getElementById('all')!.shadowRoot!.querySelectorAll('img, script').length,
    }));
    expect(injected).toEqual({ pwned: null, images: 0, shadowImages: 0 });
    expect(pageErrors).toEqual([]);
  });

  test('a second container with other filters, theme and rel renders its own list', async () => {
    const items = await itemsOf('globex');
    expect(items.map((item) => item.title)).toEqual(['Site Reliability Engineer', 'Java Developer']);
    expect(items[0]!.rel).toBe('noopener sponsored nofollow');
    expect(items[0]!.meta).toBe('Globex · yesterday');
    const background = await page.evaluate(
      () =>
        getComputedStyle(document.getElementById('globex')!.shadowRoot!.querySelector('section')!)
          .backgroundColor,
    );
    expect(background).toBe('rgb(23, 24, 26)');
  });

  test('data-context-from="meta" ranks by the article’s keywords instead of recency', async () => {
    const items = await itemsOf('context');
    expect(items.map((item) => item.title)).toEqual(['TypeScript Developer', 'Java Developer']);
  });

  test('empty and failed lists show deliberate states, and the host page stays intact', async () => {
    const states = await page.evaluate(() =>
      ['empty', 'broken'].map((id) => {
        const section = document.getElementById(id)!.shadowRoot!.querySelector('section')!;
        return { state: section.dataset.state, text: section.querySelector('[role=status]')!.textContent };
      }),
    );
    expect(states).toEqual([
      { state: 'empty', text: 'No open positions right now. Check back soon.' },
      { state: 'error', text: 'Job listings are unavailable at the moment.' },
    ]);
    expect(await page.locator('article h1').textContent()).toBe(
      'Why small teams are rewriting their backends in TypeScript',
    );
    const reserved = await page.evaluate(() => getComputedStyle(document.getElementById('all')!).minHeight);
    expect(reserved).toBe(`${listHeight(4)}px`);
    expect(pageErrors).toEqual([]);
  });

  test('the RSS feed is well-formed XML to Chromium’s XML parser, with the hostile title as escaped HTML', async () => {
    const parsed = await page.evaluate(async (url) => {
      const xml = await (await fetch(url)).text();
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      return {
        errors: doc.getElementsByTagName('parsererror').length,
        titles: Array.from(doc.querySelectorAll('item > title'), (node) => node.textContent),
      };
    }, `${api.url}/feeds/recent.rss?limit=2`);
    expect(parsed).toEqual({
      errors: 0,
      titles: ['&lt;img src=x onerror=window.__pwned=1&gt;', 'TypeScript Developer'],
    });
  });

  test('a screenshot of the article with its sidebar is saved', async () => {
    await mkdir(OUTPUT, { recursive: true });
    const path = join(OUTPUT, 'widget-article.png');
    await page.screenshot({ path, fullPage: true });
    expect((await import('node:fs')).statSync(path).size).toBeGreaterThan(10_000);
  });
});
