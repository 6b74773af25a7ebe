import type { FieldMapping } from '../../domain/field-mapping';
import type { RawPosting } from '../../domain/posting';

/** Reads one partner format from decoded text, posting by posting, as the text arrives. */
export interface FeedFormat {
  name: string;
  /** What the format is, for messages: "an RSS 2.0 feed". */
  description: string;
  parse(text: AsyncIterable<string>, report: ParseReport, options?: ParseOptions): AsyncIterable<RawPosting>;
}

/** What a parser needs beyond the text: the feed's field mapping, the document's own URL and feed settings. */
export interface ParseOptions {
  mapping?: FieldMapping;
  /** Where the document came from: the posting URL of a single-job page that names none. */
  documentUrl?: string;
  /** The Personio account ("acme" of acme.jobs.personio.de) of a Personio feed not served from its own host. */
  personioAccount?: string;
}

/**
 * The longest text one posting field keeps (as XML records do): a runaway field is cut here instead of being carried
 * whole through normalization and hashing.
 */
export const MAX_FIELD_CHARS = 256 * 1024;
const MAX_CUT_WARNINGS = 5;

/** What a parser noticed about the document as a whole. */
export interface ParseReport {
  warnings: string[];
  /** The document ended before its closing tags: postings after the cut are missing, not gone. */
  truncated?: boolean;
}

/** The first non-empty value among a record's fields. */
export function pick(record: Record<string, string>, ...keys: string[]): string | undefined {
  return pickIn(record, keys);
}

/** pick with the keys in one array, made once: no array per call, for the per-posting field lists. */
export function pickIn(record: Record<string, string>, keys: readonly string[]): string | undefined {
  for (let i = 0; i < keys.length; i++) {
    const value = record[keys[i]!]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** Non-empty parts joined with ", ", each once: "Austin, TX, US". */
export function joinParts(...parts: (string | undefined)[]): string | undefined {
  let joined: string | undefined;
  const kept: string[] = [];
  for (const part of parts) {
    const value = part?.trim();
    if (!value || kept.includes(value)) continue;
    kept.push(value);
    joined = joined === undefined ? value : `${joined}, ${value}`;
  }
  return joined;
}

/** Salary text the salary normalizer reads, from separate fields: "50000 - 70000 USD per year". */
export function salaryText(
  min: string | undefined,
  max: string | undefined,
  currency: string | undefined,
  period: string | undefined,
): string | undefined {
  const range = [min, max].filter((v) => v?.trim()).join(' - ');
  if (!range) return undefined;
  return [range, currency, period && `per ${period}`].filter(Boolean).join(' ');
}

const DAY_FIRST_DATE = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[\sT]+(\d{1,2}:\d{2}(?::\d{2})?))?$/;

/**
 * "19/10/2018" or "19.10.2018 14:30" as ISO 8601 ("2018-10-19", "2018-10-19T14:30"), for the dialects whose
 * specifications write dates day first; any other text is returned as it is, for the date normalizer to read.
 */
export function dayFirstDate(text: string | undefined): string | undefined {
  const match = text ? DAY_FIRST_DATE.exec(text.trim()) : null;
  if (!match) return text;
  const [, day, month, year, time] = match;
  const date = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  return time ? `${date}T${time.padStart(5, '0')}` : date;
}

type TextField = Exclude<keyof RawPosting, 'tags'>;

/** The postings with every field cut to MAX_FIELD_CHARS; each cut is a warning (the first few by name, then a count). */
export function* withFieldsCapped(
  postings: Iterable<RawPosting>,
  report: ParseReport,
): Generator<RawPosting> {
  let index = 0;
  let cuts = 0;
  for (const posting of postings) {
    index++;
    for (const field of Object.keys(posting) as TextField[]) {
      const value = posting[field];
      if (typeof value !== 'string' || value.length <= MAX_FIELD_CHARS) continue;
      posting[field] = value.slice(0, MAX_FIELD_CHARS);
      if (++cuts <= MAX_CUT_WARNINGS)
        report.warnings.push(
          `posting ${index}: ${field} longer than ${MAX_FIELD_CHARS} characters (${value.length}), cut to that length`,
        );
    }
    yield posting;
  }
  if (cuts > MAX_CUT_WARNINGS)
    report.warnings.push(
      `${cuts - MAX_CUT_WARNINGS} more fields longer than ${MAX_FIELD_CHARS} characters were cut`,
    );
}
