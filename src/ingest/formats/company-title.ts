import { isLabel } from '../normalize/labels';
import type { RawPosting } from '../../domain/posting';
import type { ParseReport } from './format';

const COMPANY_PREFIXED_TITLE = /^([^:]{2,80}):\s+(.+)$/;
/** Prefixes that are no company: a label, a call or a state of the posting ("Urgent: Nurse", "Filled: …"). */
const NOT_A_COMPANY =
  /^(?:job|vacancy|role|urgent|hiring|now hiring|we're hiring|we are hiring|new|hot job|featured|remote|hybrid|onsite|contract|full[- ]time|part[- ]time|temp|internship|re-?posted?|update[ds]?|closed|filled|expired|apply now|deadline)$/i;
/** A year, a date or a month and year: "2024", "12/03", "June 2024". */
const DATE_LIKE =
  /\b(?:19|20)\d{2}\b|\d{1,4}[./-]\d{1,2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d/i;
const LOWER_CASE_LETTER = /\p{Ll}/u;
/** How many items a feed's first items decide on: the reader holds them back until then. */
export const TITLE_SAMPLE_SIZE = 20;
/** Fewer titles than this decide nothing: one title of two is no pattern. */
const MIN_TITLES = 3;

/**
 * The organisation a title starts with ("The Daily Ledger: Data Journalist"), or null when the part before the
 * colon looks like anything else: a label, a number, a reference or campaign code ("201710: Prison Officer",
 * "REQ-42: …": digits and no lower-case letter), a date, or more words than a name has.
 */
export function companyPrefix(title: string | undefined): { company: string; title: string } | null {
  const match = title ? COMPANY_PREFIXED_TITLE.exec(title) : null;
  if (!match) return null;
  const prefix = match[1]!.trim();
  if (NOT_A_COMPANY.test(prefix) || isLabel(prefix)) return null;
  if (/\d/.test(prefix) && (!LOWER_CASE_LETTER.test(prefix) || DATE_LIKE.test(prefix))) return null;
  if (prefix.split(' ').length > 6) return null;
  return { company: prefix, title: match[2]! };
}

/**
 * Boards that put the company in each item title ("The Daily Ledger: Data Journalist"). Whether a feed does is
 * decided once, on its first TITLE_SAMPLE_SIZE items: most of their titles (more than half, of at least
 * MIN_TITLES) start with an organisation (companyPrefix). Then the company comes out of the title when the item
 * names none, and the run's warnings say so. Either way a title that repeats its item's own company loses that
 * prefix.
 */
export async function* splitCompanyTitles(
  postings: AsyncIterable<RawPosting>,
  report: ParseReport,
): AsyncGenerator<RawPosting> {
  const sample: RawPosting[] = [];
  let split: boolean | null = null;
  for await (const posting of postings) {
    if (split === null) {
      sample.push(posting);
      if (sample.length < TITLE_SAMPLE_SIZE) continue;
      split = decide(sample, report, true);
      for (const held of sample.splice(0)) yield splitTitle(held, split);
    } else yield splitTitle(posting, split);
  }
  if (split === null) {
    split = decide(sample, report, false);
    for (const held of sample) yield splitTitle(held, split);
  }
}

/** The same decision for a document read whole. */
export function splitCompanyTitlesOf(postings: RawPosting[], report: ParseReport): RawPosting[] {
  const split = decide(postings.slice(0, TITLE_SAMPLE_SIZE), report, postings.length > TITLE_SAMPLE_SIZE);
  return postings.map((posting) => splitTitle(posting, split));
}

function decide(sample: RawPosting[], report: ParseReport, more: boolean): boolean {
  const titled = sample.filter((posting) => posting.title);
  const prefixed = titled.filter((posting) => companyPrefix(posting.title)).length;
  const split = titled.length >= MIN_TITLES && prefixed * 2 > titled.length;
  if (split)
    report.warnings.push(
      `item titles read as "Company: Title" (${prefixed} of ${more ? 'the first ' : ''}${titled.length} items)`,
    );
  return split;
}

function splitTitle(posting: RawPosting, split: boolean): RawPosting {
  const parts = companyPrefix(posting.title);
  if (!parts) return posting;
  if (!posting.company) return split ? { ...posting, title: parts.title, company: parts.company } : posting;
  return parts.company.toLowerCase() === posting.company.toLowerCase()
    ? { ...posting, title: parts.title }
    : posting;
}
