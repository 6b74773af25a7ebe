import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NotAJobFeedError, ValidationError } from '../../src/errors';
import { parseFieldMapping } from '../../src/ingest/formats/field-mapping.schema';
import type { RawPosting } from '../../src/domain/posting';
import { readFeed, type ReadFeedOptions } from '../../src/ingest/read-feed';
import { FIXTURE_FEEDS } from '../helpers/fixture-server';

async function read(body: string | Buffer, options: ReadFeedOptions = {}) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const reading = await readFeed(
    (async function* () {
      // Small chunks: every reader must cope with a body that arrives in pieces.
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    })(),
    options,
  );
  const postings: RawPosting[] = [];
  for await (const posting of reading.postings) postings.push(posting);
  return { format: reading.format.name, postings, warnings: reading.report.warnings };
}

const fixture = (name: string) => readFile(join(FIXTURE_FEEDS, name));

describe('format detection', () => {
  test('an RSS feed served as text/html is still read as RSS', async () => {
    const rss = '<rss><channel><item><title>T</title><link>https://x.example/1</link></item></channel></rss>';
    expect((await read(rss, { contentType: 'text/html; charset=utf-8' })).format).toBe('rss');
  });

  test('a <feed> root holding Indeed-style <job> elements is not mistaken for Atom', async () => {
    const xml = '<feed><job><title>T</title><url>https://x.example/1</url></job></feed>';
    expect(await read(xml)).toMatchObject({ format: 'indeed-xml', postings: [{ title: 'T' }] });
  });

  test('a forced JSON format that does not fit the document says what the document is', async () => {
    await expect(read(await fixture('lever.json'), { format: 'greenhouse' })).rejects.toThrow(
      'Not a job feed: a JSON array of 2 items, not a Greenhouse job board',
    );
  });

  test('a JSON document cut short is not a job feed: JSON is read whole, not streamed', async () => {
    const text = (await fixture('greenhouse.json')).toString('utf8');
    await expect(read(text.slice(0, 400))).rejects.toThrow(
      /^Not a job feed: a JSON document that does not parse/,
    );
  });

  test('a JSON item that is not an object is a posting rejected later, not a failed feed', async () => {
    const body = JSON.stringify({ offers: [{ title: 'A', careers_url: 'https://x.example/a' }, 42] });
    const { postings } = await read(body);
    expect(postings.map((p) => p.title)).toEqual(['A', undefined]);
  });

  test('a single-job page whose JobPosting names no url gets the page URL', async () => {
    const reading = await read(await fixture('jsonld-single.html'), {
      url: 'https://maple.example/jobs/881',
    });
    expect(reading.postings).toEqual([expect.objectContaining({ url: 'https://maple.example/jobs/881' })]);
    expect(reading.warnings).toEqual([
      expect.stringMatching(/^JSON-LD block 1 does not parse and was skipped/),
    ]);
  });

  test('an empty JSON Feed is not a job feed', async () => {
    const body = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'x', items: [] });
    await expect(read(body)).rejects.toThrow('Not a job feed: a JSON Feed with no postings');
  });
});

describe('field mappings', () => {
  test('a mapping is checked, each problem naming its field', () => {
    expect(() => parseFieldMapping({ items: 'li', fields: { url: 'a@href', salry: 'x' } })).toThrow(
      ValidationError,
    );
    try {
      parseFieldMapping({ items: 'li', fields: { url: 'a@href', salry: 'x' } });
    } catch (error) {
      expect((error as ValidationError).fields.map((f) => f.field).sort()).toEqual([
        'mapping.fields.salry',
        'mapping.fields.title',
      ]);
    }
  });

  test('a mapping format without a mapping is a validation error naming the mapping', async () => {
    await expect(read('<catalog/>', { format: 'xml-mapping' })).rejects.toMatchObject({
      fields: [{ field: 'mapping', message: 'is required for the xml-mapping format' }],
    });
  });

  test('a JSON mapping whose items path holds no array says so', async () => {
    const mapping = parseFieldMapping({ items: 'result.rows', fields: { title: 'name', url: 'link' } });
    await expect(read('{"result": {"rows": 3}}', { mapping })).rejects.toThrow(
      'Not a job feed: a JSON object with keys result with no array at the mapping\'s items path "result.rows"',
    );
  });

  test('an HTML mapping with a broken CSS selector is a validation error naming the field', async () => {
    const mapping = parseFieldMapping({ items: 'li', fields: { title: 'h2[', url: 'a@href' } });
    await expect(read('<html><body><li>x</li></body></html>', { mapping })).rejects.toMatchObject({
      fields: [{ field: 'mapping.fields.title', message: expect.stringMatching(/^is not a CSS selector/) }],
    });
  });

  test('an XML mapping reads attributes, nested paths and repeated elements of a streamed document', async () => {
    const mapping = parseFieldMapping({
      items: 'export.item',
      fields: { externalId: '@id', title: 'name', url: 'links.link@href', location: 'place.city' },
    });
    const xml =
      '<export><item id="1"><name>A</name><links><link href="https://x.example/a"/><link href="https://x.example/b"/></links>' +
      '<place><city>Oslo</city></place></item><item id="2"><name>B</name></item></export>';
    expect((await read(xml, { mapping })).postings).toEqual([
      { externalId: '1', title: 'A', url: 'https://x.example/a', location: 'Oslo' },
      { externalId: '2', title: 'B', url: undefined, location: undefined },
    ]);
  });

  test('an XML mapping reads elements named like built-in object properties as fields', async () => {
    const mapping = parseFieldMapping({
      items: 'export.item',
      fields: { title: 'constructor', url: 'toString', company: '__proto__' },
    });
    const xml =
      '<export><item><constructor>Builder</constructor><toString>https://x.example/a</toString>' +
      '<__proto__>Acme</__proto__></item></export>';
    expect((await read(xml, { mapping })).postings).toEqual([
      { title: 'Builder', url: 'https://x.example/a', company: 'Acme' },
    ]);
  });
});

test('Lever postings grouped by team are read like a flat list', async () => {
  const flat = JSON.parse((await fixture('lever.json')).toString('utf8')) as unknown[];
  const grouped = JSON.stringify([
    { title: 'Engineering', postings: flat.slice(0, 1) },
    { title: 'Operations', postings: flat.slice(1) },
  ]);
  const reading = await read(grouped);
  expect(reading.format).toBe('lever');
  expect(reading.postings.map((p) => p.title)).toEqual(['Senior Platform Engineer', 'Data Labeler']);
});

describe('Personio XML', () => {
  const position =
    '<workzag-jobs><position><id>77</id><name>Welder</name><jobDescriptions>' +
    '<jobDescription><name>Tasks</name><value><![CDATA[<p>Weld hulls.</p>]]></value></jobDescription>' +
    '<jobDescription><name>Profile</name><value><![CDATA[<p>Certified.</p>]]></value></jobDescription>' +
    '</jobDescriptions></position></workzag-jobs>';

  test('the job page comes from the feed host, each description block kept as its own section', async () => {
    const { format, postings } = await read(position, { url: 'https://werft.jobs.personio.com/xml' });
    expect(format).toBe('personio');
    expect(postings).toEqual([
      expect.objectContaining({
        url: 'https://werft.jobs.personio.com/job/77',
        description: '<p>Weld hulls.</p>\n<h3>Profile</h3><p>Certified.</p>',
      }),
    ]);
  });

  test('a feed served from another host takes its account from the feed setting', async () => {
    const { postings, warnings } = await read(position, {
      url: 'https://careers.werft.example/jobs.xml',
      personioAccount: 'werft',
    });
    expect(postings[0]!.url).toBe('https://werft.jobs.personio.de/job/77');
    expect(warnings).toEqual([]);
  });

  test('without a Personio host or account no URL is invented: a warning says what to set', async () => {
    const { postings, warnings } = await read(position, { url: 'https://careers.werft.example/jobs.xml' });
    expect(postings[0]!.url).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringContaining(
        "Personio positions carry no URL and the feed URL (careers.werft.example) is not a {account}.jobs.personio.de address: set the feed's Personio account",
      ),
    ]);
  });
});

describe('partner dialects are detected without --format', () => {
  test.each([
    ['personio.xml', 'personio'],
    ['jobatus.xml', 'jobatus'],
    ['jobrapido.xml', 'jobrapido'],
    ['jooble.xml', 'jooble'],
    ['careerjet.xml', 'indeed-xml'],
    ['jora.xml', 'indeed-xml'],
    ['linkedin-jobs.xml', 'indeed-xml'],
    ['talent-com.xml', 'indeed-xml'],
    ['teamtailor-jobs.xml', 'indeed-xml'],
    ['ziprecruiter.xml', 'indeed-xml'],
  ])('%s is read as %s', async (name, format) => {
    expect((await read(await fixture(name), { url: 'https://x.jobs.personio.de/xml' })).format).toBe(format);
  });

  test('day-first dialects read 03/11 as the 3rd of November, and pass other date forms on as they are', async () => {
    const jobrapido =
      '<source><jobs><job><title>T</title><publishdate>03/11/2026</publishdate><expirydate>2027-01-31</expirydate></job></jobs></source>';
    const jooble = '<jobs><job id="9"><name>T</name><pubdate>03.11.2026</pubdate></job></jobs>';
    expect((await read(jobrapido)).postings[0]).toMatchObject({
      date: '2026-11-03',
      validThrough: '2027-01-31',
    });
    expect((await read(jooble)).postings[0]).toMatchObject({ externalId: '9', date: '2026-11-03' });
  });
});

describe('documents that look like feeds are refused with what they are', () => {
  test.each([
    [
      'browser-xml-view.html',
      "Not a job feed: this is a browser's view of an XML file, not the file: save the feed's own source",
    ],
    [
      'browser-xml-view.txt',
      "Not a job feed: this is a browser's view of an XML file, not the file: save the feed's own source",
    ],
    [
      'status-messages.rss',
      'Not a job feed: an RSS feed of status messages ("No new matches this run"), not job postings',
    ],
    [
      'not-found-page.html',
      'Not a job feed: an HTML page ("Page not found | Kempenhof Careers"), not a feed',
    ],
    [
      'login-page.html',
      'Not a job feed: an HTML login page ("Sign in – Maplegrove ATS"): the feed URL answers with a sign-in form',
    ],
    ['sitemap.xml', "Not a job feed: a sitemap (<urlset>): it lists a site's pages, not job postings"],
    ['feeds.opml', 'Not a job feed: an OPML outline (<opml>): it lists feeds, not job postings'],
  ])('%s', async (name, message) => {
    const reading = read(await fixture(name));
    await expect(reading).rejects.toBeInstanceOf(NotAJobFeedError);
    await expect(read(await fixture(name))).rejects.toThrow(message);
  });

  test('a status-message item among real postings is skipped with a warning', async () => {
    const rss =
      '<rss><channel><item><title>No new matches this run</title><link>https://x.example/s</link></item>' +
      '<item><title>Welder</title><link>https://x.example/1</link></item></channel></rss>';
    const { postings, warnings } = await read(rss);
    expect(postings.map((p) => p.title)).toEqual(['Welder']);
    expect(warnings).toEqual(['1 status message item(s) such as "No new matches this run" skipped']);
  });
});
