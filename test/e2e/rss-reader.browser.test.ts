import { Types } from 'mongoose';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { startHarness, type Harness } from '../helpers/harness';
import { preparedPosting, seedPostings } from '../helpers/postings';

// What a partner's double-encoded text (`&amp;lt;img …&amp;gt;`) is stored as: literal markup, right for plain text.
const STORED = [
  {
    title: '<img src=x onerror=alert(1)>',
    snippet: '<img src=x onerror="window.__ran=(window.__ran||0)+1"> Apply & win',
  },
  { title: 'A ]]> <svg onload=alert(2)> B', snippet: '<![CDATA[ <script>alert(3)</script> ]]>' },
  { title: '&lt;b&gt; stays &amp;lt;text&amp;gt;', snippet: "<a href=javascript:alert(4)>it's</a>" },
];

interface ReaderResult {
  items: { title: string; description: string }[];
  elementsCreated: number;
  ran: number;
}

/**
 * A feed reader that renders RSS titles and descriptions as HTML, as many do: parses the feed with DOMParser and
 * puts each text into innerHTML. A canary image that fails to load is added last and awaited, so any onerror handler
 * the feed smuggled in has had its turn before the counts are read.
 */
function readAsHtml(page: Page, rss: string): Promise<ReaderResult> {
  return page.evaluate(async (xml) => {
    const feed = new DOMParser().parseFromString(xml, 'application/xml');
    if (feed.querySelector('parsererror')) throw new Error('the RSS is not well-formed XML');
    const items = Array.from(feed.querySelectorAll('item'), (item) => {
      const title = document.createElement('h2');
      title.innerHTML = item.querySelector('title')!.textContent!;
      const description = document.createElement('div');
      description.innerHTML = item.querySelector('description')!.textContent!;
      document.body.append(title, description);
      return { title, description };
    });
    await new Promise<void>((resolve) => {
      const canary = document.createElement('img');
      canary.onerror = () => resolve();
      canary.src = 'x';
      document.body.append(canary);
    });
    return {
      items: items.map(({ title, description }) => ({
        title: title.textContent!,
        description: description.textContent!,
      })),
      elementsCreated: items.reduce(
        (n, { title, description }) => n + title.children.length + description.children.length,
        0,
      ),
      ran: (window as unknown as { __ran?: number }).__ran ?? 0,
    };
  }, rss);
}

describe('/feeds/recent.rss in a feed reader that renders descriptions as HTML, in headless Chromium', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    h = await startHarness({ workers: false });
    await seedPostings(
      h.db,
      new Types.ObjectId(),
      STORED.map((text, i) =>
        preparedPosting(`stored-${i}`, { ...text, postedAt: new Date(Date.now() - (i + 1) * 60_000) }),
      ),
    );
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.setContent('<!doctype html><html><body></body></html>');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  test('stored markup runs nothing and shows as the stored text', async () => {
    const rss = await h.api.get('/feeds/recent.rss').expect(200);
    const result = await readAsHtml(page, rss.text);
    expect(result.items).toEqual(STORED.map(({ title, snippet }) => ({ title, description: snippet })));
    expect(result.elementsCreated).toBe(0);
    expect(result.ran).toBe(0);
    expect(dialogs).toEqual([]);
  });

  test('a query echoed in the channel title is text to the reader too', async () => {
    const rss = await h.api.get('/feeds/recent.rss').query({ q: '<img src=x onerror=alert(5)>' }).expect(200);
    const title = await page.evaluate((xml) => {
      const feed = new DOMParser().parseFromString(xml, 'application/xml');
      const heading = document.createElement('h1');
      heading.innerHTML = feed.querySelector('channel > title')!.textContent!;
      return { text: heading.textContent, elements: heading.children.length };
    }, rss.text);
    expect(title).toEqual({ text: 'Recent jobs: <img src=x onerror=alert(5)>', elements: 0 });
  });
});
