import { NotAJobFeedError } from '../../src/errors';
import type { RawPosting } from '../../src/domain/posting';
import { readFeed, type ReadFeedOptions } from '../../src/ingest/read-feed';

async function read(body: string, options: ReadFeedOptions = {}) {
  const bytes = Buffer.from(body);
  const reading = await readFeed(
    (async function* () {
      for (let i = 0; i < bytes.length; i += 4096) yield bytes.subarray(i, i + 4096);
    })(),
    options,
  );
  const postings: RawPosting[] = [];
  for await (const posting of reading.postings) postings.push(posting);
  return { format: reading.format.name, postings, warnings: reading.report.warnings };
}

async function refusal(body: string): Promise<NotAJobFeedError> {
  const error: unknown = await read(body).then(
    () => new Error('the document was read as a job feed'),
    (error: unknown) => error,
  );
  if (!(error instanceof NotAJobFeedError)) throw error;
  return error;
}

const ad = (n: number) =>
  `<ad><title>Job ${n}</title><url>https://ads.example/${n}</url><date>2026-11-0${(n % 9) + 1}</date></ad>`;

describe('an XML document in no known dialect', () => {
  test('is read as generic records when they have a title and a link, with a warning naming what was inferred', async () => {
    const { format, postings, warnings } = await read(`<export>${ad(1)}${ad(2)}</export>`);
    expect(format).toBe('generic-xml');
    expect(postings).toEqual([
      { title: 'Job 1', url: 'https://ads.example/1', date: '2026-11-02' },
      { title: 'Job 2', url: 'https://ads.example/2', date: '2026-11-03' },
    ]);
    expect(warnings).toEqual([
      'read as generic XML records <ad>: title ← <title>, url ← <url>, date ← <date>',
    ]);
  });

  test('is inferred from its first records and then streamed to the end', async () => {
    const ads = Array.from({ length: 3000 }, (_, i) => ad(i)).join('\n');
    expect(ads.length).toBeGreaterThan(3 * 64 * 1024);
    const { postings } = await read(`<?xml version="1.0"?><export><ads>${ads}</ads></export>`);
    expect(postings).toHaveLength(3000);
    expect(postings.at(-1)).toMatchObject({ title: 'Job 2999', url: 'https://ads.example/2999' });
  });

  test('one record is enough inside a container named for many', async () => {
    const { postings } = await read(
      '<export><vacatures><vacature><functie>Kok</functie><url>https://x.example/1</url></vacature></vacatures></export>',
    );
    expect(postings).toEqual([{ title: 'Kok', url: 'https://x.example/1' }]);
  });

  test('records with a title and an id but no link are read, so each posting is rejected for its missing url', async () => {
    const { postings, warnings } = await read(
      '<liste><stelle><titel>Koch</titel><kennung>A1</kennung></stelle><stelle><titel>Kellner</titel><kennung>A2</kennung></stelle></liste>',
    );
    expect(postings).toEqual([
      { title: 'Koch', externalId: 'A1', url: undefined },
      { title: 'Kellner', externalId: 'A2', url: undefined },
    ]);
    expect(warnings[0]).toBe('read as generic XML records <stelle>: title ← <titel>, externalId ← <kennung>');
  });

  test('can be read as generic-xml on request', async () => {
    const rss = `<rss><channel><item><title>T</title><link>https://x.example/1</link></item><item><title>U</title><link>https://x.example/2</link></item></channel></rss>`;
    expect((await read(rss, { format: 'generic-xml' })).postings).toEqual([
      { title: 'T', url: 'https://x.example/1' },
      { title: 'U', url: 'https://x.example/2' },
    ]);
  });
});

describe('documents that look like records but are not postings are refused', () => {
  test('a sitemap', async () => {
    const sitemap =
      '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
      '<url><loc>https://shop.example/jobs</loc><lastmod>2026-11-01</lastmod><changefreq>weekly</changefreq></url>' +
      '<url><loc>https://shop.example/about</loc><lastmod>2026-10-01</lastmod><priority>0.5</priority></url></urlset>';
    expect((await refusal(sitemap)).message).toBe(
      "Not a job feed: a sitemap (<urlset>): it lists a site's pages, not job postings; point jobfeed at the job feed itself",
    );
  });

  test('an OPML outline, whose titles and links are attributes', async () => {
    const opml =
      '<opml version="2.0"><head><title>Feeds</title></head><body>' +
      '<outline text="Jobs" title="Jobs" type="rss" xmlUrl="https://a.example/jobs.rss" htmlUrl="https://a.example/"/>' +
      '<outline text="News" title="News" type="rss" xmlUrl="https://b.example/news.rss" htmlUrl="https://b.example/"/>' +
      '</body></opml>';
    expect((await refusal(opml)).message).toMatch(
      /^Not a job feed: an OPML outline \(<opml>\): it lists feeds/,
    );
  });

  test('a list of errors with titles and codes', async () => {
    const errors =
      '<response><errors><error><title>Not found</title><code>E404</code></error><error><title>Gone</title><code>E410</code></error></errors></response>';
    expect((await refusal(errors)).message).toMatch(
      /its <error> records look like "error" entries, not job postings\. Onboard it/,
    );
  });

  test('a single record with no container of many', async () => {
    expect((await refusal(`<export>${ad(1)}</export>`)).message).toMatch(
      /root element <export> is no job feed format: it holds only one <ad> record, not a list of postings/,
    );
  });

  test('records with titles but neither link nor id, with a draft mapping in the error', async () => {
    const error = await refusal(
      '<catalogue><livre><titre>Les Misérables</titre><prix>12</prix></livre><livre><titre>Germinal</titre><prix>9</prix></livre></catalogue>',
    );
    expect(error.message).toMatch(/its <livre> records have a title \(<titre>\) but no link or id/);
    expect(error.details).toEqual({
      suggestedMapping: {
        items: 'catalogue.livre',
        fields: { title: 'titre', url: 'TODO' },
        unplaced: ['prix'],
      },
    });
  });

  test('a JSON list of repositories, whose only title is a "name"', async () => {
    const repos = JSON.stringify([
      { id: 1, name: 'widgets', html_url: 'https://code.example/acme/widgets', stargazers_count: 3 },
      { id: 2, name: 'gadgets', html_url: 'https://code.example/acme/gadgets', stargazers_count: 5 },
    ]);
    expect((await refusal(repos)).message).toMatch(
      /its \[…\] records have only a "name" for a title and nothing that says they are jobs/,
    );
  });

  test('a JSON:API error document', async () => {
    const body = JSON.stringify({ errors: [{ status: '404', code: 'not_found', title: 'Not Found' }] });
    expect((await refusal(body)).message).toMatch(/its "errors" records look like "errors" entries/);
  });
});

describe('a JSON document in no known format', () => {
  test('holding an array of job objects under one key is read as generic records', async () => {
    const body = JSON.stringify({
      ok: true,
      data: {
        positions: [
          { ref: 'P-1', name: 'Welder', apply: { href: 'https://x.example/p1' }, city: 'Gdańsk' },
          { ref: 'P-2', name: 'Fitter', apply: { href: 'https://x.example/p2' }, city: 'Gdynia' },
        ],
      },
    });
    const { format, postings, warnings } = await read(body);
    expect(format).toBe('generic-json');
    expect(postings[0]).toEqual({
      title: 'Welder',
      url: 'https://x.example/p1',
      externalId: 'P-1',
      location: 'Gdańsk',
    });
    expect(warnings).toEqual([
      'read as generic JSON records "data.positions": title ← "name", url ← "apply.href", externalId ← "ref", location ← "city"',
    ]);
  });

  test('with no array of objects says so and names mapping suggest', async () => {
    expect((await refusal('{"hello": 1}')).message).toBe(
      'Not a job feed: a JSON document in no job feed format jobfeed reads (a JSON object with keys hello): ' +
        'it holds no array of objects. Onboard it with a field mapping: `jobfeed mapping suggest --file PATH | --url URL` drafts one',
    );
  });
});
