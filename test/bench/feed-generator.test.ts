import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizePosting } from '../../src/ingest/normalize/normalize-posting';
import { readFeed } from '../../src/ingest/read-feed';
import { seededRandom, writeIndeedFeed } from './feed-generator';
import { formatRatio, markdownTable, median } from './measure';

describe('the benchmark feed generator', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'jobfeed-bench-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same bytes for the same seed and different bytes for another', async () => {
    const [a, b, c] = ['a.xml', 'b.xml', 'c.xml'].map((name) => path.join(dir, name));
    await writeIndeedFeed(a!, { postings: 50, seed: 1, idPrefix: 'T' });
    await writeIndeedFeed(b!, { postings: 50, seed: 1, idPrefix: 'T' });
    await writeIndeedFeed(c!, { postings: 50, seed: 2, idPrefix: 'T' });
    expect(readFileSync(a!).equals(readFileSync(b!))).toBe(true);
    expect(readFileSync(a!).equals(readFileSync(c!))).toBe(false);
  });

  it('writes an Indeed-style feed whose every posting the real reader and normalizer accept', async () => {
    const file = path.join(dir, 'feed.xml');
    const written = await writeIndeedFeed(file, { postings: 200, seed: 3, idPrefix: 'N' });
    expect(written.bytes).toBe(readFileSync(file).byteLength);
    // About 1.6 KB per posting: 200,000 postings make the issue's ~300 MB feed.
    expect(written.bytes / 200).toBeGreaterThan(1300);
    expect(written.bytes / 200).toBeLessThan(1900);

    const reading = await readFeed(createReadStream(file), { contentType: 'application/xml' });
    expect(reading.format.name).toBe('indeed-xml');
    const context = {
      feedUrl: 'https://jobs.example.com/feed.xml',
      company: null,
      fetchedAt: new Date(),
      snippetLength: 160,
    };
    const ids = new Set<string>();
    for await (const raw of reading.postings) {
      const result = normalizePosting(raw, context);
      if (!result.ok) throw new Error(`rejected: ${result.rejected.reason}`);
      expect(result.posting.snippet).not.toMatch(/Job title:|<script|track\(/);
      expect(result.posting.url).not.toContain('utm_');
      ids.add(result.posting.externalId);
    }
    expect(ids.size).toBe(200);
  });

  it('draws from a seeded generator in [0, 1)', () => {
    const first = seededRandom(42);
    const again = seededRandom(42);
    const draws = Array.from({ length: 1000 }, () => first());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => again()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });
});

describe('the benchmark table', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('prints one Markdown row per figure and marks a missed target', () => {
    const table = markdownTable([
      { name: 'a | b', ours: '1', baseline: '2', ratio: '0.5×', target: '≥ 1×', met: false },
      { name: 'c', ours: '3', baseline: '3', ratio: '1×', target: '', met: null },
    ]);
    expect(table.split('\n')).toEqual([
      '| benchmark | ours | baseline | ratio | target | met |',
      '|---|---|---|---|---|---|',
      '| a \\| b | 1 | 2 | 0.5× | ≥ 1× | **no** |',
      '| c | 3 | 3 | 1× |  | – |',
    ]);
  });
});

describe('the benchmark figures', () => {
  it('keeps small ratios readable instead of rounding them to zero', () => {
    expect(formatRatio(0.0049)).toBe('0.0049×');
    expect(formatRatio(2.345)).toBe('2.35×');
    expect(formatRatio(313.4)).toBe('313×');
  });
});
