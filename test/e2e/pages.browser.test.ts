import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningApi } from '../../src/api/server';
import { startListeningApi } from '../helpers/listening-api';
import type { Feed } from '../../src/data/feed.schema';
import { FORMAT_NAMES } from '../../src/ingest/formats';
import { axeViolations } from './axe';
import { launchChromium } from '../helpers/browser';
import { startHarness, type Harness } from '../helpers/harness';
import { addPublisher } from '../helpers/publishers';
import { addRecruiter } from '../helpers/recruiters';

const TOKEN = 'pages-admin-token-0123456789';
const OUTPUT = join(__dirname, '..', '..', 'test-output');
/** The scheduler may tick at any moment; feeds due tomorrow run only when the test runs them. */
const NOT_DUE = new Date(Date.now() + 24 * 3600_000);
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 390, height: 844 };

interface Visit {
  page: Page;
  context: BrowserContext;
  /** Every request the page made to another origin (fonts, scripts, anything). */
  outside: string[];
  stylesheets: string[];
  problems: string[];
}

describe('the operator and recruiter pages in headless Chromium', () => {
  let h: Harness;
  let api: RunningApi;
  let browser: Browser;
  let recruiter: Awaited<ReturnType<typeof addRecruiter>>;
  let publisher: Awaited<ReturnType<typeof addPublisher>>;
  let good: Feed;
  let broken: Feed;

  beforeAll(async () => {
    h = await startHarness({ env: { ADMIN_TOKEN: TOKEN, FEED_FAILING_AFTER: '1' } });
    api = await startListeningApi(h);
    browser = await launchChromium();
    await mkdir(OUTPUT, { recursive: true });

    recruiter = await addRecruiter(h.db, 'Page Recruiter');
    h.fixtures.serveFile('/good.xml', 'recent-posts.xml');
    h.fixtures.handle('/broken.xml', (_req, res) => void res.writeHead(500).end());
    good = await h.db.feeds.create(
      {
        name: 'Han Staffing, engineering and operations vacancies',
        url: `${h.fixtures.url}/good.xml`,
        intervalMinutes: 60,
        recruiterId: (await h.db.recruiters.findById(recruiter.id))!._id,
      },
      NOT_DUE,
    );
    broken = await h.db.feeds.create(
      { name: 'Broken partner', url: `${h.fixtures.url}/broken.xml`, intervalMinutes: 60 },
      NOT_DUE,
    );
    await h.runFeed(String(good._id));
    await h.runFeed(String(broken._id));
    publisher = await addPublisher(h.db, 'Page Publisher');
    await h.api
      .post('/api/v1/placements')
      .set(publisher.auth)
      .send({ name: 'Article sidebar', allowedOrigins: ['https://news.example', 'https://www.news.example'] })
      .expect(201);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await h?.close();
  });

  async function visit(path: string, viewport: { width: number; height: number }): Promise<Visit> {
    const context = await browser.newContext({
      viewport,
      httpCredentials: { username: 'operator', password: TOKEN },
    });
    const page = await context.newPage();
    const outside: string[] = [];
    const stylesheets: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(api.url)) outside.push(request.url());
      if (request.resourceType() === 'stylesheet') stylesheets.push(new URL(request.url()).pathname);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const response = await page.goto(`${api.url}${path}`);
    expect(response?.status()).toBe(200);
    return { page, context, outside, stylesheets, problems };
  }

  /** The recruiter page with the key entered, its feeds listed and a preview shown: every part of it visible. */
  async function recruiterPage(viewport: { width: number; height: number }): Promise<Visit> {
    const shown = await visit('/recruiters', viewport);
    const { page } = shown;
    await page.getByLabel('API key', { exact: true }).fill(recruiter.apiKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByRole('status').filter({ hasText: 'Key accepted. You have 1 feed.' }).waitFor();
    await page.getByLabel('Feed URL', { exact: true }).fill(`${h.fixtures.url}/good.xml`);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('#preview-summary').filter({ hasText: 'Format: indeed-xml' }).waitFor();
    return shown;
  }

  /** The publisher page with the key entered: the placement and its stats shown. */
  async function publisherPage(viewport: { width: number; height: number }): Promise<Visit> {
    const shown = await visit('/publishers', viewport);
    await shown.page.getByLabel('API key', { exact: true }).fill(publisher.apiKey);
    await shown.page.getByRole('button', { name: 'Use this key' }).click();
    await shown.page.getByRole('status').filter({ hasText: 'Key accepted. You have 1 placement.' }).waitFor();
    return shown;
  }

  const pages: [string, (viewport: { width: number; height: number }) => Promise<Visit>][] = [
    ['/recruiters', recruiterPage],
    ['/publishers', publisherPage],
    ['/admin', (viewport) => visit('/admin', viewport)],
    ['/admin/feeds/:id', (viewport) => visit(`/admin/feeds/${String(broken._id)}`, viewport)],
  ];

  describe.each(pages)('%s', (name, open) => {
    const file = name.replace(/[/:]+/g, '-').replace(/^-|-$/g, '');

    test('axe-core finds no violations, wide or narrow', async () => {
      for (const viewport of [WIDE, NARROW]) {
        const { page, context } = await open(viewport);
        expect(await axeViolations(page)).toEqual([]);
        await context.close();
      }
    }, 60_000);

    test('at 1280 px no table cell breaks a word; at 390 px each row stacks its cells within the screen', async () => {
      const wide = await open(WIDE);
      await wide.page.screenshot({ path: join(OUTPUT, `${file}-1280.png`), fullPage: true });
      expect(await wide.page.evaluate(wordsBrokenInCells)).toEqual([]);
      expect(await wide.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      await wide.context.close();

      const narrow = await open(NARROW);
      await narrow.page.screenshot({ path: join(OUTPUT, `${file}-390.png`), fullPage: true });
      expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const layout = await narrow.page.evaluate(rowLayout);
      expect(layout.rows).toBeGreaterThan(0);
      expect(layout.sideBySide).toEqual([]);
      expect(layout.unlabelled).toEqual([]);
      await narrow.context.close();
    }, 60_000);

    test('the one shared stylesheet comes from this origin, and nothing (no font) from anywhere else', async () => {
      const { stylesheets, outside, problems, context } = await open(WIDE);
      expect(stylesheets).toEqual([expect.stringMatching(/^\/assets\/pages\.[\da-f]{12}\.css$/)]);
      expect(outside).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);
  });

  test('the shared stylesheet is served once per browser: immutable under a name that changes with it', async () => {
    const { stylesheets, context } = await visit('/admin', WIDE);
    const res = await h.api.get(stylesheets[0]!).expect(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await h.api.get('/assets/pages.000000000000.css').expect(404);
    await context.close();
  });

  test('the format menu offers every format the server reads, and detection first', async () => {
    const { page, context } = await visit('/recruiters', WIDE);
    const values = await page
      .locator('#feed-format option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(values).toEqual(['', ...FORMAT_NAMES]);
    await context.close();
  });

  test('the counts on the pages are the stored ones', async () => {
    const active = async (feed: Feed) =>
      (await h.db.postings.listForFeed(feed._id)).filter((posting) => posting.status === 'active').length;
    const goodActive = await active(good);
    expect(goodActive).toBeGreaterThan(0);

    const admin = await visit('/admin?sort=name', WIDE);
    const feeds = await h.db.feeds.list();
    const failing = feeds.filter((feed) => feed.status === 'failing').length;
    await expect(admin.page.locator('main > p').first().innerText()).resolves.toBe(
      `${feeds.length} feeds, ${failing} failing. Sorted by feed.`,
    );
    const goodRow = admin.page.locator(`tr[data-feed-id="${String(good._id)}"]`);
    await expect(goodRow.locator('td[data-label="Active postings"]').innerText()).resolves.toBe(
      String(goodActive),
    );
    const [goodRun] = await h.db.feedRuns.listForFeed(good._id, 1);
    await expect(goodRow.locator('td[data-label="Last run"]').innerText()).resolves.toContain(
      `seen ${goodRun!.counts!.seen}, inserted ${goodRun!.counts!.inserted}`,
    );
    await admin.context.close();

    const runs = await visit(`/admin/feeds/${String(good._id)}`, WIDE);
    const stored = await h.db.feedRuns.listForFeed(good._id, 50);
    await expect(runs.page.locator('table#runs tbody tr').count()).resolves.toBe(stored.length);
    await expect(runs.page.locator('td[data-label="Counts"]').first().innerText()).resolves.toBe(
      `seen ${goodRun!.counts!.seen}, inserted ${goodRun!.counts!.inserted}, updated 0, unchanged 0, rejected 0`,
    );
    await runs.context.close();

    const shown = await recruiterPage(WIDE);
    const cells = shown.page.locator('#feeds-body tr').first().locator('td');
    await expect(cells.nth(0).innerText()).resolves.toBe(good.name);
    await expect(
      shown.page.locator('#feeds-body td[data-label="Active postings"]').innerText(),
    ).resolves.toBe(String(goodActive));
    await expect(shown.page.locator('#preview-summary').innerText()).resolves.toBe(
      'Format: indeed-xml. 6 postings read, 6 valid, 0 skipped.',
    );
    await shown.context.close();
  }, 60_000);

  test('the queue dashboard links back to /admin and asks no other origin for fonts', async () => {
    const board = await visit('/admin/queues', WIDE);
    await board.page.getByText('ingest', { exact: true }).first().waitFor({ timeout: 20_000 });
    await board.page.screenshot({ path: join(OUTPUT, 'admin-queues-1280.png') });
    expect(board.outside).toEqual([]);
    // bull-board puts its misc links in the menu behind the header's last button.
    await board.page.locator('header button').last().click();
    await board.page.getByText('Feeds', { exact: true }).click();
    await board.page.waitForURL(`${api.url}/admin`);
    await board.context.close();
  }, 60_000);
});

/**
 * Words (runs of non-space other than URLs, which may break when their column is too narrow) inside table cells
 * whose glyphs sit on more than one line. Runs in the page.
 */
function wordsBrokenInCells(): string[] {
  const broken: string[] = [];
  for (const cell of Array.from(document.querySelectorAll('td, th'))) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue ?? '';
      for (const match of text.matchAll(/\S+/g)) {
        if (/^\w+:\/\//.test(match[0])) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}

/** Whether body rows show their cells one below the other, each with its column's name. Runs in the page. */
function rowLayout(): { rows: number; sideBySide: string[]; unlabelled: string[] } {
  const sideBySide: string[] = [];
  const unlabelled: string[] = [];
  const rows = Array.from(document.querySelectorAll('tbody tr')).filter(
    (row) => (row as HTMLElement).offsetParent !== null,
  );
  for (const row of rows) {
    const cells = Array.from(row.children) as HTMLElement[];
    cells.slice(1).forEach((cell, i) => {
      if (cell.getBoundingClientRect().top < cells[i]!.getBoundingClientRect().bottom - 1)
        sideBySide.push(`${row.closest('table')!.id}: ${cell.textContent!.trim().slice(0, 30)}`);
    });
    const table = row.closest('table')!;
    if (table.tHead && table.tHead.rows[0]!.cells.length > 1)
      for (const cell of cells)
        if (!cell.dataset.label || getComputedStyle(cell, '::before').content === 'none')
          unlabelled.push(`${table.id}: ${cell.textContent!.trim().slice(0, 30)}`);
  }
  return { rows: rows.length, sideBySide, unlabelled };
}
