import { createServer, request, type IncomingMessage, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Types } from 'mongoose';
import type { Browser, Locator, Page } from 'playwright-core';
import type { EventSummary } from '../../src/api/event-intake';
import { startListeningApi } from '../helpers/listening-api';
import type { EventBeacon } from '../../src/domain/events';
import { createPlacement } from '../../src/placements/placement-use-cases';
import { launchChromium } from '../helpers/browser';
import { eventCounts, PERSON, rollUp } from '../helpers/events';
import { startHarness, type Harness } from '../helpers/harness';
import { addPublisher } from '../helpers/publishers';
import { hoursAgo, preparedPosting, seedPostings } from '../helpers/postings';
import type { PreparedPosting } from '../../src/domain/posting';

/** A POST /api/v1/events as the page sent it, and what the API answered. */
export interface RecordedBeacon {
  contentType: string | undefined;
  body: EventBeacon;
  status: number;
  answer: EventSummary;
}

/**
 * What the widget's browser tests share: the API on its own origin (also its PUBLIC_URL, as in production), the
 * harness's fixture server as the publisher's site (another origin, in the placements' allowedOrigins), and
 * headless Chromium.
 */
export interface WidgetSite {
  h: Harness;
  /** Where pages reach the API (widget.js, the iframe, clicks, beacons): the front that records the beacons. */
  apiUrl: string;
  /** Every POST /api/v1/events so far, with the API's answer, in the order they were answered. */
  beacons: RecordedBeacon[];
  /** Headless Chromium with an ordinary desktop Chrome's user agent: HeadlessChrome's is a bot's to the intake. */
  browser: Browser;
  /** Serves a page on the publisher's origin and returns its URL. */
  page(path: string, html: string): string;
  /** A placement of the site's publisher, allowed on the publisher's origin unless the body says otherwise. */
  placement(body: Record<string, unknown>): Promise<string>;
  /** The Authorization header of the publisher owning site.placement's placements. */
  publisherAuth(): Promise<Record<string, string>>;
  /** The worker's minute roll-up, taking every batch so far: the counts reach event_counts and the stats. */
  rollUp(): Promise<unknown>;
  /** What event_counts holds for the placement: impressions and clicks by posting id. */
  countsOf(placement: string): Promise<Record<string, { impressions: number; clicks: number }>>;
  close(): Promise<void>;
}

export async function startWidgetSite(): Promise<WidgetSite> {
  // The front listens first: its address is the API's public one, which the intake takes as the iframe's origin.
  const front = createServer();
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  const h = await startHarness({ workers: false, env: { PUBLIC_URL: apiUrl } });
  const api = await startListeningApi(h);
  const beacons: RecordedBeacon[] = [];
  front.on('request', forwardRecordingBeacons(api.url, beacons));
  const browser = await launchChromium({ userAgent: PERSON });
  let publisher: Promise<Awaited<ReturnType<typeof addPublisher>>> | undefined;
  const publisherOf = () => (publisher ??= addPublisher(h.db));
  return {
    h,
    apiUrl,
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
      const placement = await createPlacement(
        { db: h.db, onPlacementChanged: async () => {} },
        new Types.ObjectId((await publisherOf()).id),
        { name: 'Sidebar', allowedOrigins: [h.fixtures.url], ...body },
      );
      return String(placement._id);
    },
    publisherAuth: async () => (await publisherOf()).auth,
    rollUp: () => rollUp({ db: h.db, redis: h.redis, prefix: h.config.queuePrefix }),
    async countsOf(placement) {
      const counts = await eventCounts(h.db, { placementId: new Types.ObjectId(placement) });
      return Object.fromEntries(
        counts.map(({ postingId, impressions, clicks }) => [String(postingId), { impressions, clicks }]),
      );
    },
    async close() {
      await browser.close();
      front.closeAllConnections();
      await new Promise((resolve) => front.close(resolve));
      await api.close();
      await h.close();
    },
  };
}

/** A bare article page with the given body and the widget's script tag, as a publisher embeds it. */
export function articlePage(site: WidgetSite, body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Article</title>${head}</head><body><main><h1>Article</h1>${body}</main><script async src="${site.apiUrl}/widget.js"></script></body></html>`;
}

const readAll = async (stream: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const forward = (apiUrl: string, req: IncomingMessage, body: Buffer) =>
  new Promise<IncomingMessage>((resolve, reject) =>
    request(`${apiUrl}${req.url}`, { method: req.method, headers: req.headers }, resolve)
      .on('error', reject)
      .end(body),
  );

/**
 * Passes every request on to the API unchanged and records each beacon with the API's answer. A real server and
 * not a browser route, because Chromium sends the beacon of a page being left after the page is gone, where the
 * browser's request interception no longer sees it.
 */
function forwardRecordingBeacons(apiUrl: string, beacons: RecordedBeacon[]): RequestListener {
  return (req, res) =>
    void (async () => {
      const body = await readAll(req);
      const answer = await forward(apiUrl, req, body);
      res.writeHead(answer.statusCode!, answer.headers);
      if (req.method !== 'POST' || req.url !== '/api/v1/events') return void answer.pipe(res);
      const reply = await readAll(answer);
      beacons.push({
        contentType: req.headers['content-type'],
        body: JSON.parse(body.toString('utf8')) as EventBeacon,
        status: answer.statusCode!,
        answer: JSON.parse(reply.toString('utf8')) as EventSummary,
      });
      res.end(reply);
    })().catch(() => res.destroy());
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

/**
 * Resolves once an IntersectionObserver made now on `scope`'s element has had its first callback: the widget's
 * observers in the same document, made earlier, are called in the same task before it, so their timers are set.
 */
export const intersectionsDelivered = (scope: Locator) =>
  scope.evaluate(
    (element) =>
      new Promise<void>((resolve) => {
        const observer = new IntersectionObserver(() => {
          observer.disconnect();
          resolve();
        });
        observer.observe(element);
      }),
  );

/** The article tests' jobs: Acme's and Globex's a placement keeps, and Initech's, newest, that it leaves out. */
export async function seedArticleJobs(site: WidgetSite, ...more: PreparedPosting[]): Promise<void> {
  await seedPostings(site.h.db, new Types.ObjectId(), [
    preparedPosting('ts', { title: 'TypeScript Developer', company: 'Acme', postedAt: hoursAgo(3) }),
    preparedPosting('sre', { title: 'Site Reliability Engineer', company: 'Globex', postedAt: hoursAgo(5) }),
    ...more,
    preparedPosting('data', { title: 'Data Engineer', company: 'Initech', postedAt: hoursAgo(1) }),
  ]);
}
