import { parseDate, parsePostingDate } from '../../src/ingest/normalize/dates';
import { normalizeEmploymentType } from '../../src/ingest/normalize/employment';
import { withStoreHashes } from '../../src/ingest/normalize/hashes';
import { readLabelledHeader, stripDescriptionLabels } from '../../src/ingest/normalize/labels';
import { normalizePosting } from '../../src/ingest/normalize/normalize-posting';
import { parseSalary } from '../../src/ingest/normalize/salary';
import { truncateAtWord } from '../../src/ingest/normalize/snippet';
import { htmlToText } from '../../src/ingest/normalize/text';
import { normalizePostingUrl } from '../../src/ingest/normalize/urls';

const fetchedAt = new Date('2026-11-28T12:00:00Z');
const context = { feedUrl: 'https://partner.example/feed.xml', company: null, fetchedAt, snippetLength: 160 };

describe('htmlToText', () => {
  test.each([
    ['<p>Hello&nbsp;<b>world</b></p><p>next</p>', 'Hello world next'],
    ['<div>a<script>alert(1)</script><style>p{}</style>b</div>', 'a b'],
    ['&lt;p&gt;double &amp;amp; escaped&lt;/p&gt;', 'double & escaped'],
    ['zero\u200Bwidth and\u0007 control', 'zerowidth and control'],
    ['line<br>break', 'line break'],
    ['  many \n\t spaces  ', 'many spaces'],
  ])('%j reads %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('label noise', () => {
  test('the header of labelled fields is split off and its company read', () => {
    const text =
      'Job title: JAVA DEVELOPER Company: Han Staffing Job description: End Client: WELLSFARGO Title: Java Developer. Spring Boot and Kafka.';
    const { header, bodyStart } = readLabelledHeader(text);
    expect(header).toEqual({ title: 'JAVA DEVELOPER', company: 'Han Staffing', endClient: 'WELLSFARGO' });
    expect(text.slice(bodyStart)).toBe('Spring Boot and Kafka.');
  });

  test('inner "Job Description:" labels go, a missing space after a colon comes back', () => {
    expect(stripDescriptionLabels('salesforce apex Job Description:Our client')).toBe(
      'salesforce apex Our client',
    );
    expect(stripDescriptionLabels('Summary of the role is good')).toBe('Summary of the role is good');
  });
});

describe('truncateAtWord', () => {
  test('keeps short text, cuts long text at a word boundary with an ellipsis', () => {
    expect(truncateAtWord('short text', 40)).toBe('short text');
    const cut = truncateAtWord('one two three four five six seven', 20);
    expect(cut).toBe('one two three four…');
    expect(cut.length).toBeLessThanOrEqual(20);
  });
});

describe('dates', () => {
  test.each([
    ['Mon, 04 Nov 2024 15:00:00 GMT', '2024-11-04T15:00:00.000Z'],
    ['2026-11-20T10:00:00+02:00', '2026-11-20T08:00:00.000Z'],
    ['1763200000', '2025-11-15T09:46:40.000Z'],
    ['1763200000123', '2025-11-15T09:46:40.123Z'],
    ['3 days ago', '2026-11-25T12:00:00.000Z'],
    ['30+ days ago', '2026-10-29T12:00:00.000Z'],
    ['today', '2026-11-28T12:00:00.000Z'],
    ['2027-01-01', '2026-11-28T12:00:00.000Z'],
  ])('%j is %s', (raw, iso) => {
    expect(parsePostingDate(raw, fetchedAt)?.toISOString()).toBe(iso);
  });

  test('unreadable dates are null; end dates are not clamped', () => {
    expect(parsePostingDate('sometime soon', fetchedAt)).toBeNull();
    expect(parseDate('2027-01-01', fetchedAt)?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('urls', () => {
  test('resolved against the feed, utm_* removed, other schemes refused', () => {
    expect(normalizePostingUrl('/jobs/1?utm_source=x&id=2', context.feedUrl)).toBe(
      'https://partner.example/jobs/1?id=2',
    );
    expect(normalizePostingUrl('javascript:alert(1)', context.feedUrl)).toBeNull();
    expect(normalizePostingUrl('data:text/html,hi', context.feedUrl)).toBeNull();
    expect(normalizePostingUrl('  ', context.feedUrl)).toBeNull();
    expect(normalizePostingUrl('rh@clinica.example', context.feedUrl)).toBeNull();
    expect(normalizePostingUrl('mailto:rh@clinica.example', context.feedUrl)).toBeNull();
    expect(normalizePostingUrl('/jobs/by@author', context.feedUrl)).toBe(
      'https://partner.example/jobs/by@author',
    );
  });

  test('tracking parameters go however they are written; the rest of the link stays as the partner wrote it', () => {
    expect(
      normalizePostingUrl('https://x.example/j?%75tm_source=a&UTM_Medium=b&q=a+b%20c&&x', context.feedUrl),
    ).toBe('https://x.example/j?q=a+b%20c&&x');
    expect(normalizePostingUrl('https://x.example/j?utm_source=a#', context.feedUrl)).toBe(
      'https://x.example/j',
    );
    expect(normalizePostingUrl('https://x.example/j#a#', context.feedUrl)).toBe('https://x.example/j#a#');
    expect(normalizePostingUrl('https://x.example/j?utmost=1', context.feedUrl)).toBe(
      'https://x.example/j?utmost=1',
    );
  });
});

describe('employment type and salary', () => {
  test.each([
    ['Full-time', 'FULL_TIME'],
    ['part time', 'PART_TIME'],
    ['Contract', 'CONTRACTOR'],
    ['Internship', 'INTERN'],
    ['Temporary', 'TEMPORARY'],
    ['whatever', 'OTHER'],
  ])('%j is %s', (raw, type) => {
    expect(normalizeEmploymentType(raw)).toBe(type);
  });

  test.each([
    ['$50,000 - $70,000 per year', { min: 50000, max: 70000, currency: 'USD', period: 'YEAR' }],
    ['60k - 80k EUR per year', { min: 60000, max: 80000, currency: 'EUR', period: 'YEAR' }],
    ['£15.50 an hour', { min: 15.5, max: 15.5, currency: 'GBP', period: 'HOUR' }],
  ])('%j is %j', (raw, salary) => {
    expect(parseSalary(raw)).toEqual(salary);
  });

  test('salary text without numbers is null', () => {
    expect(parseSalary('competitive')).toBeNull();
  });

  test('the period is the one the salary names first', () => {
    expect(parseSalary('$4,000 a month, $48,000 per year')?.period).toBe('MONTH');
    expect(parseSalary('annual salary of $50k, paid monthly')?.period).toBe('YEAR');
  });

  test('the currency is the one the salary names first', () => {
    expect(parseSalary('€50,000 (about $55,000) a year')?.currency).toBe('EUR');
    expect(parseSalary('$50,000 (about €46,000) a year')?.currency).toBe('USD');
  });
});

describe('normalizePosting', () => {
  test('the "Recent Posts" posting comes out clean, with the company from its text', () => {
    const result = normalizePosting(
      {
        externalId: 'HS-1001',
        title: ' Salesforce Developer ',
        url: 'https://jobs.example.com/HS-1001?utm_medium=xml',
        date: 'Mon, 04 Nov 2024 15:00:00 GMT',
        description:
          'Job title: Salesforce Developer Company: Han Staffing Job description: salesforce apex visual Job Description:Our client is hiring.',
      },
      context,
    );
    expect(result).toEqual({
      ok: true,
      posting: expect.objectContaining({
        title: 'Salesforce Developer',
        company: 'Han Staffing',
        snippet: 'Our client is hiring.',
        url: 'https://jobs.example.com/HS-1001',
      }),
      titleFromCapitals: false,
    });
  });

  test('a posting without a partner id gets a stable id from its url', () => {
    const a = normalizePosting({ title: 'T', url: 'https://x.example/1' }, context);
    const b = normalizePosting({ title: 'T', url: 'https://x.example/1' }, context);
    expect(a.ok && b.ok && a.posting.externalId === b.posting.externalId).toBe(true);
    expect(a.ok && a.posting.externalId).toMatch(/^url-[a-f\d]{24}$/);
  });

  test('relative dates do not change the content hash from one fetch to the next', () => {
    const raw = { externalId: '1', title: 'T', url: 'https://x.example/1', date: '3 days ago' };
    const first = normalizePosting(raw, context);
    const later = normalizePosting(raw, { ...context, fetchedAt: new Date(fetchedAt.getTime() + 3_600_000) });
    if (!first.ok || !later.ok) throw new Error('both fetches should normalize');
    expect(first.posting.postedAt).not.toEqual(later.posting.postedAt);
    expect(withStoreHashes(first.posting, raw.date).contentHash).toBe(
      withStoreHashes(later.posting, raw.date).contentHash,
    );
  });

  test.each([
    [{ url: 'https://x.example/1' }, 'no title'],
    [{ title: 'x'.repeat(201), url: 'https://x.example/1' }, 'title longer than 200 characters'],
    [{ title: 'T' }, 'no url'],
    [{ title: 'T', url: 'javascript:alert(1)' }, 'url is not an http(s) link: javascript:alert(1)'],
  ])('%j is rejected: %s', (raw, reason) => {
    const result = normalizePosting(raw, context);
    expect(result.ok ? null : result.rejected.reason).toBe(reason);
  });

  test('the feed configured company fills in when the posting names none', () => {
    const result = normalizePosting(
      { title: 'T', url: 'https://x.example/1' },
      { ...context, company: 'Configured Inc' },
    );
    expect(result.ok && result.posting.company).toBe('Configured Inc');
  });
});
