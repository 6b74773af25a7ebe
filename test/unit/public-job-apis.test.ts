import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_FIELD_CHARS } from '../../src/ingest/formats/format';
import type { RawPosting } from '../../src/domain/posting';
import { readFeed, type ReadFeedOptions } from '../../src/ingest/read-feed';
import { FIXTURE_FEEDS } from '../helpers/fixture-server';

async function read(body: string | Buffer, options: ReadFeedOptions = {}) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const reading = await readFeed(
    (async function* () {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    })(),
    options,
  );
  const postings: RawPosting[] = [];
  for await (const posting of reading.postings) postings.push(posting);
  return {
    format: reading.format.name,
    charset: reading.charset,
    postings,
    warnings: reading.report.warnings,
  };
}

const fixture = (name: string) => readFile(join(FIXTURE_FEEDS, name));

describe('Remote OK', () => {
  const notice = { last_updated: 1795689600, legal: 'API Terms of Service: link back.' };

  test('a response holding only its legal notice is a Remote OK feed with no postings', async () => {
    await expect(read(JSON.stringify([notice]))).rejects.toThrow(
      'Not a job feed: a Remote OK jobs API response with no postings',
    );
  });

  test('the legal notice and empty stubs are skipped, not rejected as postings', async () => {
    const stub = { id: '9', position: '', company: '', url: '', tags: [] };
    const job = { id: '1', epoch: 1795598400, position: 'Welder', url: 'https://remoteok.com/remote-jobs/1' };
    const { postings, warnings } = await read(JSON.stringify([notice, stub, job, 42]));
    expect(postings.map((p) => p.title)).toEqual(['Welder']);
    expect(warnings).toEqual(['2 empty item(s) with neither a position nor a url were skipped']);
  });
});

describe('Remotive', () => {
  test('a byte-order mark is dropped whether the format is detected or forced, whatever charset the header names', async () => {
    const body = await fixture('remotive-bom.json');
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    for (const options of [
      {},
      { format: 'remotive' },
      { contentType: 'application/json; charset=iso-8859-1' },
    ]) {
      const reading = await read(body, options);
      expect(reading).toMatchObject({ format: 'remotive', charset: 'utf-8' });
      expect(reading.postings[1]!.company).toBe('Lichen & Moss Press');
    }
  });

  test('a publication date without an offset is read as UTC, not in the server time zone', async () => {
    const { postings } = await read(await fixture('remotive-bom.json'));
    expect(postings[0]!.date).toBe('2026-11-26T14:30:00Z');
  });
});

test('JSON fields longer than MAX_FIELD_CHARS are cut to it, with a warning naming the posting and the field', async () => {
  const description = 'x'.repeat(MAX_FIELD_CHARS + 1000);
  const body = JSON.stringify({
    data: [
      { slug: 'a', company_name: 'A', title: 'Short', url: 'https://x.example/a', description: 'fine' },
      { slug: 'b', company_name: 'B', title: 'Long', url: 'https://x.example/b', description },
    ],
  });
  const { format, postings, warnings } = await read(body);
  expect(format).toBe('arbeitnow');
  expect(postings[1]!.description?.length).toBe(MAX_FIELD_CHARS);
  expect(warnings).toEqual([
    `posting 2: description longer than ${MAX_FIELD_CHARS} characters (${description.length}), cut to that length`,
  ]);
});

test('a USAJOBS search with no results is a USAJOBS feed with no postings', async () => {
  const body = JSON.stringify({
    LanguageCode: 'EN',
    SearchResult: { SearchResultCount: 0, SearchResultItems: [] },
  });
  await expect(read(body)).rejects.toThrow('Not a job feed: a USAJOBS Search API response with no postings');
});

describe("a copy from a browser's JSON viewer is refused, saying where to point jobfeed instead", () => {
  const viewerCopy =
    "a JSON viewer's copy with // comments, not the API's own response: point jobfeed at the API URL";

  test.each([
    ['comment lines before the JSON', '// https://remoteok.com/api\n// fetched 2026-11-27\n[{"legal": "x"}]'],
    ['comment lines inside the JSON', '{\n  // 2 jobs\n  "jobs": []\n}'],
  ])('%s', async (_, body) => {
    await expect(read(body)).rejects.toThrow(`Not a job feed: ${viewerCopy}`);
  });

  test('the page text of a viewer with Raw Data and Headers tabs', async () => {
    const body =
      'JSON\nRaw Data\nHeaders\nSave\nCopy\nCollapse All\nExpand All\nFilter JSON\njobs:\n0:\nid: 1';
    await expect(read(body)).rejects.toThrow(
      "Not a job feed: a browser JSON viewer's page text (JSON / Raw Data / Headers), not the API's own response",
    );
  });

  test('a URL inside a JSON string is not taken for a comment', async () => {
    const body = JSON.stringify({
      jobs: [{ id: 1, url: 'https://x.example/1', candidate_required_location: 'EU' }],
    });
    expect((await read(body)).format).toBe('remotive');
  });
});
