import { MAX_ELEMENT_DEPTH } from '../../src/ingest/formats/html-page-scan';
import { MAX_HTML_CHARS } from '../../src/ingest/formats/whole-document';
import type { RawPosting } from '../../src/domain/posting';
import { readFeed, type ReadFeedOptions } from '../../src/ingest/read-feed';

async function read(body: string, options: ReadFeedOptions = {}) {
  const bytes = Buffer.from(body);
  const reading = await readFeed(
    (async function* () {
      for (let i = 0; i < bytes.length; i += 64 * 1024) yield bytes.subarray(i, i + 64 * 1024);
    })(),
    options,
  );
  const postings: RawPosting[] = [];
  for await (const posting of reading.postings) postings.push(posting);
  return { format: reading.format.name, postings, warnings: reading.report.warnings };
}

const jsonLd = (posting: object) => `<script type="application/ld+json">${JSON.stringify(posting)}</script>`;
const weaver = {
  '@context': 'https://schema.org',
  '@type': 'JobPosting',
  title: 'Weaver',
  url: 'https://x.example/w',
};

describe('hostile HTML costs what its size does', () => {
  test('JSON-LD inside 100,000 nested elements is found, with a warning that microdata that deep is not read', async () => {
    const depth = 100_000;
    const page = `<html><body>${'<div>'.repeat(depth)}${jsonLd(weaver)}${'</div>'.repeat(depth)}</body></html>`;
    expect(page.length).toBeGreaterThan(1_000_000);

    const { format, postings, warnings } = await read(page);

    expect(format).toBe('json-ld');
    expect(postings.map((p) => p.title)).toEqual(['Weaver']);
    expect(warnings).toEqual([
      `the page nests elements more than ${MAX_ELEMENT_DEPTH} deep; microdata below that depth was not read`,
    ]);
  });

  test('close tags that match nothing open, after deep nesting, do not stop the read', async () => {
    const page = `${'<span>'.repeat(50_000)}${'</p>'.repeat(50_000)}${jsonLd(weaver)}`;
    expect((await read(page)).postings.map((p) => p.title)).toEqual(['Weaver']);
  });

  test(`a page longer than ${MAX_HTML_CHARS} characters is refused`, async () => {
    const page = `<html><body>${jsonLd(weaver)}${' '.repeat(MAX_HTML_CHARS)}</body></html>`;
    await expect(read(page)).rejects.toThrow(
      `Not a job feed: an HTML page longer than ${MAX_HTML_CHARS} characters, more than any career page needs`,
    );
  });
});

describe('schema.org JobPosting in every form a page carries it', () => {
  test('a fragment that starts with its JSON-LD block is read as HTML, not as XML', async () => {
    const { format, postings } = await read(`${jsonLd(weaver)}\n<p>Apply today</p>`, {
      contentType: 'application/xml',
    });
    expect(format).toBe('json-ld');
    expect(postings).toHaveLength(1);
  });

  test('Microdata is read only when the page has no JSON-LD posting, so a page carrying both is read once', async () => {
    const microdata =
      '<div itemscope itemtype="https://schema.org/JobPosting"><h1 itemprop="title">Weaver</h1>' +
      '<a itemprop="url" href="/jobs/w">Apply</a></div>';
    expect((await read(`<html><body>${jsonLd(weaver)}${microdata}</body></html>`)).postings).toHaveLength(1);
    const { postings } = await read(`<html><body>${microdata}</body></html>`);
    expect(postings).toEqual([expect.objectContaining({ title: 'Weaver', url: '/jobs/w' })]);
  });

  test('text inside a script or style in a Microdata description is not part of it', async () => {
    const page =
      '<div itemscope itemtype="http://schema.org/JobPosting"><meta itemprop="title" content="Weaver">' +
      '<div itemprop="description"><style>p{color:red}</style><p>Weave &amp; dye.</p><script>track()</script></div></div>';
    expect((await read(page)).postings[0]!.description).toBe('Weave & dye.');
  });
});
