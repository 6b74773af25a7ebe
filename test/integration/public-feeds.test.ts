import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as cheerio from 'cheerio';
import { decodeHTML } from 'entities';
import { Types } from 'mongoose';
import { startHarness, type Harness } from '../helpers/harness';
import { jsonFeedSchema } from '../helpers/json-feed-schema';
import { preparedPosting, seedPostings } from '../helpers/postings';

const HOSTILE = '<img src=x onerror=window.__pwned=1> & "quotes" ]]>';
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

describe('GET /embed/recent, /feeds/recent.rss and /feeds/recent.json', () => {
  let h: Harness;
  const publicUrl = 'https://jobs.example.org';

  beforeAll(async () => {
    h = await startHarness({ workers: false, env: { PUBLIC_URL: publicUrl } });
    await seedPostings(h.db, new Types.ObjectId(), [
      preparedPosting('hostile', {
        title: HOSTILE,
        company: 'Smith & <b>Sons</b>',
        snippet: '</description><script>alert(1)</script>',
        postedAt: hoursAgo(1),
      }),
      preparedPosting('plain', { title: 'Data Engineer', company: 'Globex', postedAt: hoursAgo(3) }),
      preparedPosting('old', { title: 'Archivist', company: 'Globex', postedAt: hoursAgo(48) }),
    ]);
  });
  afterAll(async () => {
    await h.close();
  });

  test('RSS 2.0 lists the items newest first, every text escaped, links through the click counter', async () => {
    const res = await h.api.get('/feeds/recent.rss').expect(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(res.headers.etag).toBeDefined();
    expect(res.headers['cache-control']).toMatch(/max-age=\d+, stale-while-revalidate=\d+/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.text).not.toContain('<img');
    expect(res.text).not.toContain('<script');
    expect(res.text).not.toContain('<b>');

    const $ = cheerio.load(res.text, { xml: true });
    expect($('rss').attr('version')).toBe('2.0');
    expect($('channel > title').text()).toBe('Recent jobs');
    const items = $('item')
      .toArray()
      .map((item) => ({
        // Titles and descriptions are HTML holding the escaped text, for readers that render them as HTML.
        title: decodeHTML($(item).children('title').text()),
        link: $(item).children('link').text(),
        guid: $(item).children('guid').text(),
        description: decodeHTML($(item).children('description').text()),
        category: $(item).children('category').text(),
        pubDate: $(item).children('pubDate').text(),
      }));
    expect(items.map((item) => item.title)).toEqual([HOSTILE, 'Data Engineer', 'Archivist']);
    expect(items[0]).toMatchObject({
      link: `${publicUrl}/r/${items[0]!.guid}`,
      description: '</description><script>alert(1)</script>',
      category: 'Smith & <b>Sons</b>',
    });
    expect(Date.parse(items[1]!.pubDate)).toBeGreaterThan(Date.now() - 4 * 3_600_000);
    expect($('item > description').first().text()).toBe(
      '&lt;/description&gt;&lt;script&gt;alert(1)&lt;/script&gt;',
    );
  });

  test('the feeds take the same filters and refuse the same bad ones', async () => {
    const rss = await h.api.get('/feeds/recent.rss?company=globex&limit=1').expect(200);
    const $ = cheerio.load(rss.text, { xml: true });
    expect(
      $('item > title')
        .toArray()
        .map((t) => $(t).text()),
    ).toEqual(['Data Engineer']);
    expect($('channel > title').text()).toBe('Recent jobs: globex');

    const bad = await h.api.get('/feeds/recent.json?company[$ne]=x').expect(400);
    expect(bad.body.error.fields).toEqual([expect.objectContaining({ field: 'company[$ne]' })]);
    await h.api.get('/embed/recent?limit=99').expect(400);
  });

  test('JSON Feed 1.1 validates against the spec and carries the same items', async () => {
    const res = await h.api.get('/feeds/recent.json?limit=2').expect(200);
    expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    const feed = JSON.parse(res.text);
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    expect(ajv.validate(jsonFeedSchema, feed) || ajv.errors).toBe(true);
    expect(feed.feed_url).toBe(`${publicUrl}/feeds/recent.json?limit=2`);
    expect(feed.items).toEqual([
      expect.objectContaining({
        title: HOSTILE,
        content_text: '</description><script>alert(1)</script>',
        external_url: 'https://jobs.example.com/hostile',
        authors: [{ name: 'Smith & <b>Sons</b>' }],
      }),
      expect.objectContaining({ title: 'Data Engineer', url: `${publicUrl}/r/${feed.items[1].id}` }),
    ]);
    // The text goes out as content_text only: a reader never gets the stored text to render as HTML.
    expect(feed.items.filter((item: object) => 'content_html' in item)).toEqual([]);
  });

  test('the embed page is complete HTML with the list, escaped, no script but its own allowed to run', async () => {
    const res = await h.api.get('/embed/recent?limit=2').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'; script-src 'self';");
    // Any site may frame it: no X-Frame-Options, and frame-ancestors open to all.
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(res.text).toMatch(/^<!doctype html>/);
    expect(res.text).not.toContain('<img');
    expect(res.text.match(/<script[^>]*>/g)).toEqual(['<script src="/embed/embed.js" defer>']);
    const $ = cheerio.load(res.text);
    const links = $('li a').toArray();
    expect(links.map((a) => $(a).contents().first().text())).toEqual([HOSTILE, 'Data Engineer']);
    expect($(links[0]).attr('href')).toMatch(/^\/r\/[a-f\d]{24}\?ranking=recency$/);
    expect($(links[0]).attr('rel')).toBe('noopener');
    expect($('li .m').first().text()).toBe('Smith & <b>Sons</b> · 1 hour ago');

    const again = await h.api
      .get('/embed/recent?limit=2')
      .set('if-none-match', res.headers.etag!)
      .expect(304);
    expect(again.text).toBe('');
  });

  test('an empty list renders deliberately', async () => {
    const res = await h.api.get('/embed/recent?q=astronaut').expect(200);
    expect(cheerio.load(res.text)('[role=status]').text()).toBe(
      'No open positions right now. Check back soon.',
    );
    const rss = await h.api.get('/feeds/recent.rss?q=astronaut').expect(200);
    expect(cheerio.load(rss.text, { xml: true })('item')).toHaveLength(0);
  });
});
