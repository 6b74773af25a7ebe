import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Types } from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { startApi, type RunningApi } from '../../src/api/server';
import { createLogger } from '../../src/logger';
import { createPlacement } from '../../src/placements/placement-use-cases';
import { createRedis } from '../../src/queue/redis';
import { launchChromium } from '../helpers/browser';
import { startHarness, type Harness } from '../helpers/harness';
import { addPublisher } from '../helpers/publishers';

/**
 * What the widget's browser tests share: the API on its own origin, the harness's fixture server as the publisher's
 * site (another origin), and headless Chromium.
 */
export interface WidgetSite {
  h: Harness;
  api: RunningApi;
  /** Where pages load widget.js from: the API, behind a front that records the beacons (see startBeaconFront). */
  apiUrl: string;
  /** The bodies of every POST /api/v1/events so far, parsed. */
  beacons: unknown[];
  browser: Browser;
  /** Serves a page on the publisher's origin and returns its URL. */
  page(path: string, html: string): string;
  /** A placement of a fresh publisher; returns its id. */
  placement(body: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function startWidgetSite(): Promise<WidgetSite> {
  const h = await startHarness({ workers: false });
  const redis = createRedis(process.env.REDIS_URL!, 'producer');
  // A producer connection does not queue commands: the rate limiter loads its script only once it is ready.
  await once(redis, 'ready');
  const api = await startApi({
    config: h.config,
    db: h.db,
    logger: createLogger(h.config),
    redis,
    queues: h.queues,
  });
  const beacons: unknown[] = [];
  const front = await startBeaconFront(api.url, beacons);
  const browser = await launchChromium();
  let publisherId: Types.ObjectId | undefined;
  return {
    h,
    api,
    apiUrl: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    beacons,
    browser,
    page(path, html) {
      h.fixtures.handle(
        path,
        (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
      );
      return `${h.fixtures.url}${path}`;
    },
    async placement(body) {
      publisherId ??= new Types.ObjectId((await addPublisher(h.db)).id);
      const placement = await createPlacement({ db: h.db, onPlacementChanged: async () => {} }, publisherId, {
        name: 'Sidebar',
        allowedOrigins: [h.fixtures.url],
        ...body,
      });
      return String(placement._id);
    },
    async close() {
      await browser.close();
      front.closeAllConnections();
      await new Promise((resolve) => front.close(resolve));
      await api.close();
      await redis.quit();
      await h.close();
    },
  };
}

/** A bare article page with the given body and the widget's script tag, as a publisher embeds it. */
export function articlePage(site: WidgetSite, body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Article</title>${head}</head><body><main><h1>Article</h1>${body}</main><script async src="${site.apiUrl}/widget.js"></script></body></html>`;
}

/**
 * The API as pages reach it, except POST /api/v1/events, which another branch builds: recorded here and answered
 * 202. A real server and not a browser route, because Chromium sends a beacon of a page being left after the page
 * is gone, where the browser's request interception no longer sees it.
 */
async function startBeaconFront(apiUrl: string, beacons: unknown[]): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/api/v1/events') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        beacons.push({ contentType: req.headers['content-type'], body: JSON.parse(body) as unknown });
        res.writeHead(202).end();
      });
      return;
    }
    const upstream = request(
      `${apiUrl}${req.url}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Waits until every widget on the page left its loading state; returns the states by container id. */
export async function widgetStates(page: Page): Promise<Record<string, string>> {
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('[data-jobfeed]')).every(
      (host) => host.shadowRoot?.querySelector('section')?.dataset.state,
    ),
  );
  return page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll<HTMLElement>('[data-jobfeed]'), (host) => [
        host.id,
        host.shadowRoot!.querySelector('section')!.dataset.state!,
      ]),
    ),
  );
}
