import { normalizeFeed, type FeedItem } from '../../src/ingest/normalize/normalize-feed';
import type { RawPosting } from '../../src/domain/posting';
import { QualityTally } from '../../src/ingest/quality/quality-report';

const tally = () => new QualityTally({ configuredCompany: null });

const context = {
  feedUrl: 'https://partner.example/feed.xml',
  company: null,
  fetchedAt: new Date('2026-11-28T12:00:00Z'),
  snippetLength: 160,
};

async function* from(raws: RawPosting[], failAfter?: Error): AsyncGenerator<RawPosting> {
  yield* raws;
  if (failAfter) throw failAfter;
}

async function collect(items: AsyncIterable<FeedItem>): Promise<FeedItem[]> {
  const out: FeedItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const raw = (i: number, date: string): RawPosting => ({
  externalId: String(i),
  title: `Welder ${i}`,
  url: `https://partner.example/jobs/${i}`,
  date,
});

describe('normalizeFeed', () => {
  test('the day order proved by one posting applies to the whole feed, and the report says so', async () => {
    const report = { warnings: [] as string[] };
    const items = await collect(
      normalizeFeed(from([raw(1, '02/10/2026'), raw(2, '25/10/2026')]), context, {
        report,
        quality: tally(),
      }),
    );
    const dates = items.map((item) =>
      item.ok ? item.posting.postedAt?.toISOString() : item.rejected.reason,
    );
    expect(dates).toEqual(['2026-10-02T00:00:00.000Z', '2026-10-25T00:00:00.000Z']);
    expect(report.warnings).toEqual(['dates read as day-first (dd/mm/yyyy): 1 of 2 numeric dates prove it']);
  });

  test('postings past the sample are read with the order the sample decided', async () => {
    const raws = Array.from({ length: 60 }, (_, i) => raw(i, i === 0 ? '13/10/2026' : '01/11/2026'));
    raws.push(raw(60, '11/30/2026'));
    const report = { warnings: [] as string[] };
    const items = await collect(normalizeFeed(from(raws), context, { report, quality: tally() }));
    expect(items).toHaveLength(61);
    expect(items[59]!.ok && items[59]!.posting.postedAt?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(items[60]!.ok && items[60]!.posting.postedAt).toBeNull();
    expect(report.warnings[1]).toBe(
      'Some dates cannot be read ("11/30/2026"): write dates as RFC 2822 ("Tue, 10 Nov 2026 09:00:00 GMT") or ISO 8601 ("2026-11-10T09:00:00Z"); 1 of 61 dated postings are dated when first seen instead.',
    );
  });

  test('each item carries its raw posting, rejected ones too', async () => {
    const report = { warnings: [] as string[] };
    const items = await collect(
      normalizeFeed(from([raw(1, 'vor 2 Tagen'), { title: 'No link' }]), context, {
        report,
        quality: tally(),
      }),
    );
    expect(items.map((item) => [item.ok, item.raw.title])).toEqual([
      [true, 'Welder 1'],
      [false, 'No link'],
    ]);
    expect(report.warnings).toEqual([]);
  });

  test('a read that fails while the sample is taken still yields what it read, then the error', async () => {
    const report = { warnings: [] as string[] };
    const seen: string[] = [];
    const failing = normalizeFeed(from([raw(1, '2026-11-01')], new Error('cut short')), context, {
      report,
      quality: tally(),
    });
    await expect(
      (async () => {
        for await (const item of failing) seen.push(item.raw.title!);
      })(),
    ).rejects.toThrow('cut short');
    expect(seen).toEqual(['Welder 1']);
  });
});
