import { normalizePosting, type NormalizeContext } from '../../src/ingest/normalize/normalize-posting';
import type { RawPosting } from '../../src/domain/posting';
import { QualityTally } from '../../src/ingest/quality/quality-report';

const context: NormalizeContext = {
  feedUrl: 'https://partner.example/feed.xml',
  company: null,
  fetchedAt: new Date('2026-11-28T12:00:00Z'),
  snippetLength: 160,
};

function reportOf(raws: RawPosting[], configuredCompany: string | null = null) {
  const tally = new QualityTally({ configuredCompany });
  for (const raw of raws)
    tally.add({ ...normalizePosting(raw, { ...context, company: configuredCompany }), raw });
  return tally.report();
}

const posting = (n: number, extra: Partial<RawPosting> = {}): RawPosting => ({
  externalId: `job-${n}`,
  title: `Staff Nurse ${n}`,
  company: `Clinic ${n}`,
  description: '<p>Care for patients on a busy ward.</p>',
  url: `https://partner.example/jobs/${n}`,
  date: '2026-11-20T09:00:00Z',
  ...extra,
});

describe('the quality report of a read', () => {
  test('counts each field present among the items seen, rejected items counting as missing', () => {
    const report = reportOf([posting(1), posting(2, { date: undefined }), posting(3, { url: undefined })]);
    expect(report.fields.title).toEqual({ present: 2, of: 3 });
    expect(report.fields.postedAt).toEqual({ present: 1, of: 3 });
    expect(report.fields.company).toEqual({ present: 2, of: 3 });
    expect(report.fields.salary).toEqual({ present: 0, of: 3 });
    expect(report.warnings).toContain(
      '1 of 3 items were rejected (more than a tenth): see the rejected samples.',
    );
  });

  test('a feed without any date says every posting is dated when first seen', () => {
    const report = reportOf([1, 2].map((n) => posting(n, { date: undefined })));
    expect(report.warnings).toContainEqual(expect.stringMatching(/^No posting carries a date/));
  });

  test('a numeric or code-like company is warned about', () => {
    const report = reportOf([
      posting(1, { company: '201710' }),
      posting(2, { company: 'REQ-42' }),
      posting(3),
    ]);
    expect(report.warnings).toContainEqual(
      expect.stringContaining(
        '2 postings have a company that looks like a number or code ("201710", "REQ-42")',
      ),
    );
  });

  test('titles written in capitals are shown in title case, and the report says how many', () => {
    const raws = [
      posting(1, { title: 'JAVA DEVELOPER' }),
      posting(2, { title: 'RN - ICU' }),
      posting(3, { title: 'WAREHOUSE ASSOCIATE - PORTLAND, OR' }),
    ];
    const titles = raws.map((raw) => {
      const result = normalizePosting(raw, context);
      return result.ok && result.posting.title;
    });
    expect(titles).toEqual(['Java Developer', 'RN - ICU', 'Warehouse Associate - Portland, OR']);
    expect(reportOf(raws).warnings).toContainEqual(
      expect.stringMatching(
        /^2 postings have a title written in capitals, shown in title case \("Java Developer", "Warehouse Associate - Portland, OR"\): an acronym/,
      ),
    );
    expect(reportOf([posting(1)]).warnings.join(' ')).not.toContain('capitals');
  });

  test('descriptions that yield empty snippets are warned about', () => {
    const report = reportOf([posting(1, { description: '<img src="https://partner.example/logo.png">' })]);
    expect(report.fields.snippet).toEqual({ present: 0, of: 1 });
    expect(report.warnings).toContainEqual(
      expect.stringMatching(/^1 postings have a description but an empty snippet/),
    );
  });

  test('every posting carrying only the configured company is pointed out', () => {
    const report = reportOf(
      [1, 2, 3].map((n) => posting(n, { company: undefined })),
      'Acme Staffing',
    );
    expect(report.fields.company).toEqual({ present: 3, of: 3 });
    expect(report.warnings).toContainEqual(
      expect.stringContaining(
        `All 3 postings carry one company, "Acme Staffing", from the feed's configured company`,
      ),
    );
  });

  test('a feed naming no company at all asks for one', () => {
    const report = reportOf([posting(1, { company: undefined })]);
    expect(report.warnings).toContainEqual(expect.stringMatching(/^No posting names its company/));
  });

  test('a clean feed has no warnings', () => {
    expect(reportOf([posting(1), posting(2), posting(3)]).warnings).toEqual([]);
  });
});
