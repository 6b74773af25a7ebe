import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { createApp } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { startHarness, type Harness } from '../helpers/harness';

/** The worker's scheduler tick may run at any moment; feeds due later run only when the test runs them. */
const NOT_DUE = new Date(Date.now() + 24 * 3600_000);

const TOKEN = 'browser-admin-token-0123456789';
const OUTPUT = join(__dirname, '..', '..', 'test-output');

describe('an operator in a real browser', () => {
  let h: Harness;
  let server: Server;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    h = await startHarness({ env: { ADMIN_TOKEN: TOKEN, FEED_FAILING_AFTER: '1' } });
    const app = createApp({
      db: h.db,
      logger: createLogger(h.config),
      config: h.config,
      redis: h.redis,
      queues: h.queues,
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    mkdirSync(OUTPUT, { recursive: true });

    h.fixtures.serveFile('/good.xml', 'recent-posts.xml');
    h.fixtures.handle('/broken.xml', (_req, res) => void res.writeHead(500).end());
    const good = await h.db.feeds.create(
      {
        name: 'Han Staffing',
        url: `${h.fixtures.url}/good.xml`,
        intervalMinutes: 60,
      },
      NOT_DUE,
    );
    const broken = await h.db.feeds.create(
      {
        name: 'Broken partner',
        url: `${h.fixtures.url}/broken.xml`,
        intervalMinutes: 60,
      },
      NOT_DUE,
    );
    await h.runFeed(String(good._id));
    await h.runFeed(String(broken._id));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await h.close();
  });

  test('without the token the browser is asked for credentials and gets no page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Headless Chromium answers a Basic challenge it has no credentials for by failing the navigation.
    await expect(page.goto(`${url}/admin`)).rejects.toThrow(/ERR_INVALID_AUTH_CREDENTIALS/);
    await context.close();
  });

  test('with the token it sees the feeds, failing first, and then the queues', async () => {
    const context = await browser.newContext({ httpCredentials: { username: 'operator', password: TOKEN } });
    const page = await context.newPage();

    const response = await page.goto(`${url}/admin`);
    expect(response?.status()).toBe(200);
    const rows = page.locator('table#feeds tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.nth(0).innerText()).resolves.toMatch(/Broken partner[\s\S]*failing[\s\S]*HTTP 500/);
    await expect(rows.nth(1).innerText()).resolves.toMatch(/Han Staffing[\s\S]*active/);
    await page.screenshot({ path: join(OUTPUT, 'admin-feeds.png'), fullPage: true });

    await page.getByRole('link', { name: 'Broken partner' }).click();
    await page.waitForURL(/\/admin\/feeds\/[a-f\d]{24}$/);
    await expect(page.locator('table#runs tbody tr').count()).resolves.toBe(1);

    await page.goto(`${url}/admin/queues`);
    await page.getByText('ingest', { exact: true }).first().waitFor({ timeout: 20_000 });
    await page.getByText('scheduler', { exact: true }).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(OUTPUT, 'admin-queues.png'), fullPage: true });
    await context.close();
  }, 60_000);
});
