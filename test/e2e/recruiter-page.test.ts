import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import type { RunningApi } from '../../src/api/server';
import { startListeningApi } from '../helpers/listening-api';
import { startHarness, type Harness } from '../helpers/harness';
import { addRecruiter } from '../helpers/recruiters';

const OUTPUT = join(__dirname, '..', '..', 'test-output');
const HOSTILE_NAME = '<img src=x onerror="window.__xss=1">Evil & Co';

describe('the recruiter page in headless Chromium', () => {
  let h: Harness;
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    api = await startListeningApi(h);
    h.fixtures.serveFile('/recent-posts.xml', 'recent-posts.xml');
    browser = await launchChromium();
    page = await browser.newPage();
    // CSP and Trusted Types violations, and script errors, show up here.
    // (HTTP error answers the test provokes, and the favicon Chromium asks for, are logged as "Failed to load resource".)
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await h?.close();
  });

  test('a recruiter previews a feed, sees what to fix, adds it and sees it listed', async () => {
    const recruiter = await addRecruiter(h.db, 'Page Tester');
    await page.goto(`${api.url}/recruiters`);
    await expect(page.title()).resolves.toBe('jobfeed for recruiters');

    // Without a key, the page says what to do instead of calling the API.
    await page.getByLabel('Feed URL', { exact: true }).fill(`${h.fixtures.url}/recent-posts.xml`);
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Enter your API key first');

    await page.getByLabel('API key', { exact: true }).fill(recruiter.apiKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByRole('status').filter({ hasText: 'Key accepted. You have 0 feeds.' }).waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);

    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('#preview-summary').filter({ hasText: 'Format: indeed-xml' }).waitFor();
    expect(await page.locator('#preview-summary').textContent()).toBe(
      'Format: indeed-xml. 6 postings read, 6 valid, 0 skipped.',
    );
    const titles = await page.locator('#preview-postings li strong').allTextContents();
    expect(titles).toContain('Salesforce Developer');
    expect(titles).toHaveLength(6);
    const warnings = await page.locator('#preview-warnings li').allTextContents();
    expect(warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/more than a year ago: remove jobs/)]),
    );

    await page.getByLabel('Name', { exact: true }).fill(HOSTILE_NAME);
    await page.getByLabel('Minutes between polls (5 to 1440)', { exact: true }).fill('30');
    await page.getByRole('button', { name: 'Add feed' }).click();
    await page.getByRole('status').filter({ hasText: 'Added' }).waitFor();

    const row = page.locator('#feeds-body tr');
    await expect(row.count()).resolves.toBe(1);
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe(HOSTILE_NAME);
    expect(cells[1]).toBe(`${h.fixtures.url}/recent-posts.xml`);
    expect(cells[2]).toBe('active');
    expect(await page.locator('#feeds-body img').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();

    const stored = await h.db.feeds.list({ owner: (await h.db.recruiters.findById(recruiter.id))!._id });
    expect(stored).toEqual([expect.objectContaining({ name: HOSTILE_NAME, intervalMinutes: 30 })]);

    await mkdir(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'recruiter-page.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);

  test('API errors are shown with the fields to fix; the key is remembered only when asked', async () => {
    const recruiter = await addRecruiter(h.db, 'Second Tester');
    await page.goto(`${api.url}/recruiters`);
    await page.getByLabel('API key', { exact: true }).fill(recruiter.apiKey);
    await page.getByLabel('Remember the key in this browser tab until I close it', { exact: true }).check();
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByRole('status').filter({ hasText: 'Key accepted' }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('jobfeed.apiKey')")).toBe(recruiter.apiKey);
    expect(await page.evaluate('localStorage.length')).toBe(0);

    await page.getByLabel('Feed URL', { exact: true }).fill('ftp://example.com/jobs.xml');
    await page.getByRole('button', { name: 'Preview' }).click();
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'url' }).waitFor();
    expect(await alert.locator('li').allTextContents()).toEqual([
      'url: must be an http or https URL of at most 2048 characters',
    ]);
    await expect(page.getByLabel('Feed URL', { exact: true }).getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );

    // The page's CSP enforces Trusted Types: an HTML string sink throws instead of parsing markup.
    await expect(page.evaluate("document.body.innerHTML = '<b>x</b>'")).rejects.toThrow(/TrustedHTML/);
    expect(problems.splice(0)).toEqual([expect.stringMatching(/requires .TrustedHTML. assignment/)]);

    await page.reload();
    await expect(page.getByLabel('API key', { exact: true }).inputValue()).resolves.toBe(recruiter.apiKey);
    await page.getByLabel('Remember the key in this browser tab until I close it', { exact: true }).uncheck();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);
});
