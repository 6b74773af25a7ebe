import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Types } from 'mongoose';
import { type Browser, type Page } from 'playwright-core';
import type { RunningApi } from '../../src/api/server';
import { startListeningApi } from '../helpers/listening-api';
import type { Placement } from '../../src/data/placement.schema';
import type { Posting } from '../../src/data/posting.schema';
import { axeViolations } from './axe';
import { launchChromium } from '../helpers/browser';
import { seedEventCounts } from '../helpers/event-counts';
import { startHarness, type Harness } from '../helpers/harness';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { addPublisher } from '../helpers/publishers';
import { addRecruiter } from '../helpers/recruiters';

const OUTPUT = join(__dirname, '..', '..', 'test-output');
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe('stats on the publisher and recruiter pages in headless Chromium', () => {
  let h: Harness;
  let api: RunningApi;
  let browser: Browser;
  let publisher: Awaited<ReturnType<typeof addPublisher>>;
  let recruiter: Awaited<ReturnType<typeof addRecruiter>>;
  let placement: Placement;
  let posting: Posting;

  beforeAll(async () => {
    h = await startHarness({ workers: false });
    api = await startListeningApi(h);
    browser = await launchChromium();
    await mkdir(OUTPUT, { recursive: true });

    publisher = await addPublisher(h.db, 'Page Publisher');
    recruiter = await addRecruiter(h.db, 'Page Recruiter');
    const created = await h.api
      .post('/api/v1/placements')
      .set(publisher.auth)
      .send({
        name: 'Sidebar <b>news</b>',
        allowedOrigins: ['https://news.example'],
        filters: { q: 'kafka' },
      })
      .expect(201);
    placement = (await h.db.placements.findById(created.body.placement.id))!;
    const feed = await h.db.feeds.create(
      {
        name: 'Stats feed',
        url: 'https://partner.example/jobs.xml',
        intervalMinutes: 60,
        recruiterId: new Types.ObjectId(recruiter.id),
      },
      new Date(Date.now() + 86_400_000),
    );
    await seedPostings(h.db, feed._id, [preparedPosting('k1', { title: 'Kafka Engineer', company: 'Acme' })]);
    posting = (await h.db.postings.listForFeed(feed._id))[0]!;
    await seedEventCounts(h.db, [
      { day: daysAgo(2), placement, posting, ranking: 'context', impressions: 40, clicks: 4 },
      { day: daysAgo(1), placement, posting, ranking: 'recency', impressions: 10, clicks: 1 },
      { day: daysAgo(1), placement: null, posting, ranking: 'recency', impressions: 0, clicks: 2 },
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await h?.close();
  });

  /** A fresh page that records requests to other origins and script or policy errors. */
  async function open(path: string) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const outside: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(api.url)) outside.push(request.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    expect((await page.goto(`${api.url}${path}`))?.status()).toBe(200);
    return { page, context, outside, problems };
  }

  async function enterKey(page: Page, key: string, accepted: string) {
    await page.getByLabel('API key', { exact: true }).fill(key);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByRole('status').filter({ hasText: accepted }).waitFor();
  }

  /** The cells of the row whose first cell is `first`, in the table `id`. */
  const row = (page: Page, id: string, first: string) =>
    page.locator(`#${id} tbody tr`).filter({ has: page.locator('td:first-child', { hasText: first }) });

  async function chartOf(page: Page) {
    return page.locator('svg.chart').evaluate((svg) => ({
      bars: Array.from(svg.querySelectorAll('rect.bar'), (bar) => [
        bar.getAttribute('data-day'),
        Number(bar.getAttribute('data-impressions')),
      ]),
      clicks: Array.from(svg.querySelectorAll('circle.clicks-dot'), (dot) =>
        Number(dot.getAttribute('data-clicks')),
      ),
      title: svg.querySelector('title')?.textContent,
    }));
  }

  test('a publisher sees the placement, its snippet and a chart of the seeded counts; axe finds nothing', async () => {
    const { page, context, outside, problems } = await open('/publishers');
    await expect(page.title()).resolves.toBe('jobfeed for publishers');
    await enterKey(page, publisher.apiKey, 'Key accepted. You have 1 placement.');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);

    const article = page.getByRole('article', { name: 'Sidebar <b>news</b>' });
    await expect(article.locator('dd').allTextContents()).resolves.toEqual([
      'https://news.example',
      'words: kafka',
      expect.stringContaining('6 postings, newest first'),
    ]);
    await expect(article.locator('code').textContent()).resolves.toBe(
      `<script async src="${api.url}/widget.js"></script>\n<div data-jobfeed="${String(placement._id)}"></div>`,
    );

    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api.url });
    await article.getByRole('button', { name: 'Copy snippet' }).click();
    await page.getByRole('status').filter({ hasText: 'Snippet of "Sidebar <b>news</b>" copied.' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(
      await article.locator('code').textContent(),
    );

    const chart = await chartOf(page);
    expect(chart.bars).toHaveLength(30);
    expect(chart.bars.filter(([, impressions]) => impressions !== 0)).toEqual([
      [daysAgo(2), 40],
      [daysAgo(1), 10],
    ]);
    expect(chart.clicks.filter((clicks) => clicks !== 0)).toEqual([4, 1]);
    expect(chart.title).toContain('50 impressions and 5 clicks in all');
    await expect(row(page, 'stats-days', daysAgo(2)).locator('td').allTextContents()).resolves.toEqual([
      daysAgo(2),
      '40',
      '4',
      '10.0 %',
    ]);
    await expect(
      row(page, 'stats-postings', 'Kafka Engineer').locator('td').allTextContents(),
    ).resolves.toEqual(['Kafka Engineer', 'Acme', '50', '5', '10.0 %']);
    await expect(row(page, 'stats-rankings', 'By context').locator('td').allTextContents()).resolves.toEqual([
      'By context (the page’s keywords)',
      '40',
      '4',
      '10.0 %',
    ]);
    await expect(row(page, 'stats-rankings', 'By recency').locator('td').allTextContents()).resolves.toEqual([
      'By recency (newest first)',
      '10',
      '1',
      '10.0 %',
    ]);

    await page.screenshot({ path: join(OUTPUT, 'publishers-stats-1280.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  test('the range is chosen with the keyboard; a range the API refuses names the field to fix', async () => {
    const { page, context, problems } = await open('/publishers');
    await enterKey(page, publisher.apiKey, 'Key accepted. You have 1 placement.');
    await page.getByLabel('From (UTC day)').fill(daysAgo(1));
    await page.getByLabel('To (UTC day)').fill(daysAgo(1));
    await page.getByRole('button', { name: 'Show stats' }).focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `from ${daysAgo(1)} to ${daysAgo(1)}` })
      .waitFor();
    expect((await chartOf(page)).bars).toEqual([[daysAgo(1), 10]]);

    await page.getByLabel('From (UTC day)').fill(daysAgo(0));
    await page.getByRole('button', { name: 'Show stats' }).click();
    await page.getByRole('alert').locator('li').first().waitFor();
    await expect(page.getByRole('alert').locator('li').allTextContents()).resolves.toEqual([
      'from: must not be after to',
    ]);
    await expect(page.getByLabel('From (UTC day)').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  test('a recruiter sees the feed’s counts per day, per posting and per placement; axe finds nothing', async () => {
    const { page, context, outside, problems } = await open('/recruiters');
    await enterKey(page, recruiter.apiKey, 'Key accepted. You have 1 feed.');

    const chart = await chartOf(page);
    expect(chart.bars).toHaveLength(30);
    expect(chart.bars.filter(([, impressions]) => impressions !== 0)).toEqual([
      [daysAgo(2), 40],
      [daysAgo(1), 10],
    ]);
    expect(chart.clicks.filter((clicks) => clicks !== 0)).toEqual([4, 3]);
    await expect(
      row(page, 'stats-postings', 'Kafka Engineer').locator('td').allTextContents(),
    ).resolves.toEqual(['Kafka Engineer', 'Acme', '50', '7', '14.0 %']);
    await expect(row(page, 'stats-placements', 'Sidebar').locator('td').allTextContents()).resolves.toEqual([
      'Sidebar <b>news</b>',
      '50',
      '5',
      '10.0 %',
    ]);
    await expect(row(page, 'stats-placements', 'Anonymous').locator('td').allTextContents()).resolves.toEqual(
      ['Anonymous widget and feeds', '0', '2', '—'],
    );

    await page.screenshot({ path: join(OUTPUT, 'recruiters-stats-1280.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
