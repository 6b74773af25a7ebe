import { NotAJobFeedError } from '../../src/errors';
import type { ParseReport } from '../../src/ingest/formats/format';
import { MAX_XML_DEPTH, XmlEvents } from '../../src/ingest/formats/xml-events';
import {
  MAX_KEY_DEPTH,
  MAX_RECORD_KEYS,
  readXmlPostings,
  type XmlRecord,
} from '../../src/ingest/formats/xml-records';
import { readFeed, type FeedReading } from '../../src/ingest/read-feed';

async function* chunksOf(text: string, size = 16 * 1024): AsyncGenerator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

async function* bytesOf(text: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunksOf(text)) yield Buffer.from(chunk);
}

async function records(xml: string): Promise<{ records: XmlRecord[]; report: ParseReport }> {
  const report: ParseReport = { warnings: [] };
  const read: XmlRecord[] = [];
  for await (const record of readXmlPostings(chunksOf(xml), 'job', report, (r) => r)) read.push(record);
  return { records: read, report };
}

const JOB_START = '<source><job><title>Nurse</title><url>https://partner.example/1</url>';
const JOB_END = '</job></source>';

describe('hostile XML costs what its size allows', () => {
  test('a record with 100,000 nested elements (700 KB) is refused at the depth cap, not read to exhaustion', async () => {
    const xml = `${JOB_START}${'<a>'.repeat(100_000)}deep${'</a>'.repeat(100_000)}${JOB_END}`;
    expect(xml.length).toBeGreaterThan(700_000);
    const read = readFeed(bytesOf(xml), {}).then(readAll);
    await expect(read).rejects.toThrow(NotAJobFeedError);
    await expect(read).rejects.toThrow(`nesting elements more than ${MAX_XML_DEPTH} deep`);
  });

  test('elements nested below the key depth keep their text in the top field, without keys of their own', async () => {
    const depth = MAX_XML_DEPTH - 10;
    const xml = `${JOB_START}<extra>${'<a>'.repeat(depth)}deep text${'</a>'.repeat(depth)}</extra>${JOB_END}`;
    const { records: read, report } = await records(xml);
    expect(read).toHaveLength(1);
    const keys = Object.keys(read[0]!);
    expect(keys.filter((key) => key.startsWith('extra'))).toHaveLength(MAX_KEY_DEPTH);
    expect(Math.max(...keys.map((key) => key.length))).toBeLessThanOrEqual(MAX_KEY_DEPTH * 6);
    expect(read[0]!['extra']).toContain('deep text');
    expect(read[0]!['title']).toBe('Nurse');
    expect(report.warnings).toEqual([expect.stringContaining(`deeper than ${MAX_KEY_DEPTH} levels`)]);
  });

  test('a record with 100,000 distinct child elements keeps at most MAX_RECORD_KEYS keys and says so', async () => {
    const children = Array.from({ length: 100_000 }, (_, i) => `<f${i} x="${i}">v</f${i}>`).join('');
    const { records: read, report } = await records(`${JOB_START}${children}${JOB_END}`);
    expect(read).toHaveLength(1);
    expect(Object.keys(read[0]!).length).toBe(MAX_RECORD_KEYS);
    expect(read[0]!['title']).toBe('Nurse');
    expect(read[0]!['url']).toBe('https://partner.example/1');
    expect(report.warnings).toEqual([expect.stringContaining(`more than ${MAX_RECORD_KEYS}`)]);
  });

  test('an ordinary record reads nested fields and raises no warning', async () => {
    const { records: read, report } = await records(
      `${JOB_START}<salary><min>1</min><max>2</max></salary>${JOB_END}`,
    );
    expect(read[0]).toMatchObject({ 'salary/min': '1', 'salary/max': '2' });
    expect(report.warnings).toEqual([]);
  });

  test('100,000 stray close tags under open elements are ignored, each open element closed once', () => {
    let opens = 0;
    let closes = 0;
    const events = new XmlEvents({
      openTag: () => opens++,
      text: () => undefined,
      closeTag: () => closes++,
    });
    events.write('<a>'.repeat(200));
    events.write('</b>'.repeat(100_000));
    expect(closes).toBe(0);
    events.write('</a>'.repeat(200));
    events.end();
    expect({ opens, closes, open: events.openElements }).toEqual({ opens: 200, closes: 200, open: 0 });
  });
});

async function readAll(reading: FeedReading): Promise<number> {
  let count = 0;
  for await (const posting of reading.postings) if (posting) count++;
  return count;
}
