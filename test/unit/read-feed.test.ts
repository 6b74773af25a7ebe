import { NotAJobFeedError } from '../../src/errors';
import { readFeed } from '../../src/ingest/read-feed';
import type { RawPosting } from '../../src/domain/posting';

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part) : part;
}

async function collect(postings: AsyncIterable<RawPosting>): Promise<RawPosting[]> {
  const all: RawPosting[] = [];
  for await (const posting of postings) all.push(posting);
  return all;
}

const job = (id: string) =>
  `<job><referencenumber>${id}</referencenumber><title><![CDATA[Job ${id}]]></title></job>`;

describe('readFeed', () => {
  test('postings split across chunks at any byte are read whole', async () => {
    const xml = `<?xml version="1.0"?><source>${job('1')}${job('2')}</source>`;
    const bytes = Buffer.from(xml);
    const pieces = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));

    const reading = await readFeed(chunks(...pieces), {});

    expect(reading.format.name).toBe('indeed-xml');
    expect((await collect(reading.postings)).map((p) => p.title)).toEqual(['Job 1', 'Job 2']);
  });

  test('a document cut short keeps the postings that were complete, with a warning and the truncated flag', async () => {
    const reading = await readFeed(chunks(`<source>${job('1')}<job><title>half`), {});

    expect((await collect(reading.postings)).map((p) => p.externalId)).toEqual(['1']);
    expect(reading.report.warnings).toEqual(['the document ends before its closing tags: it was cut short']);
    expect(reading.report.truncated).toBe(true);
  });

  test('a whole document is not flagged truncated', async () => {
    const reading = await readFeed(chunks(`<source>${job('1')}</source>`), {});

    await collect(reading.postings);
    expect(reading.report).toEqual({ warnings: [] });
  });

  test('windows-1252 from the XML declaration and UTF-16 from the byte-order mark are decoded', async () => {
    const latin = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="windows-1252"?><source><job><title>Caf'),
      Buffer.from([0xe9]),
      Buffer.from('</title></job></source>'),
    ]);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('<source><job><title>Zoë</title></job></source>', 'utf16le'),
    ]);

    expect((await collect((await readFeed(chunks(latin), {})).postings))[0]!.title).toBe('Café');
    expect((await collect((await readFeed(chunks(utf16), {})).postings))[0]!.title).toBe('Zoë');
  });

  test('UTF-16 without a byte-order mark is recognised from its first character', async () => {
    const utf16be = Buffer.from('<source><job><title>Zoë</title></job></source>', 'utf16le').swap16();
    const reading = await readFeed(chunks(utf16be), {});
    expect(reading.charset).toBe('utf-16be');
    expect((await collect(reading.postings))[0]!.title).toBe('Zoë');
  });

  test.each([
    ['', 'Not a job feed: the body is empty'],
    [
      '<!DOCTYPE html><html><head><title>Oops</title></head></html>',
      'Not a job feed: an HTML page ("Oops"), not a feed',
    ],
    [
      '{"hello": 1}',
      'Not a job feed: a JSON document in no job feed format jobfeed reads (a JSON object with keys hello)',
    ],
    ['{"jobs": [', 'Not a job feed: a JSON document that does not parse'],
    [
      '<?xml version="1.0"?><catalog><book/></catalog>',
      'Not a job feed: an XML document whose root element <catalog> is no job feed format',
    ],
  ])('%j is not a job feed', async (body, message) => {
    await expect(readFeed(chunks(body), {})).rejects.toBeInstanceOf(NotAJobFeedError);
    await expect(readFeed(chunks(body), {})).rejects.toThrow(message);
  });

  test('an RSS channel without items is not a job feed', async () => {
    const reading = await readFeed(
      chunks('<rss version="2.0"><channel><title>Empty</title></channel></rss>'),
      {},
    );
    await expect(collect(reading.postings)).rejects.toThrow(
      'Not a job feed: an RSS 2.0 feed with no postings',
    );
  });

  test('an unknown --format is a validation error naming the field', async () => {
    await expect(readFeed(chunks('<source/>'), { format: 'csv' })).rejects.toMatchObject({
      fields: [
        { field: 'format', message: expect.stringMatching(/^must be one of indeed-xml, rss, atom, /) },
      ],
    });
  });
});
