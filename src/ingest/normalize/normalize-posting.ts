import type { NormalizedPosting, RawPosting, RejectedItem } from '../../domain/posting';
import { categoryOf } from './category';
import { parseDate, parsePostingDate, type DayOrder } from './dates';
import { normalizeEmploymentType } from './employment';
import { externalIdFromUrl } from './hashes';
import {
  MAX_HEADER_LABELS,
  MAX_VALUE_CHARS,
  readLabelledHeader,
  snippetFromValues,
  stripDescriptionLabels,
  withHeaderValues,
  type LabelledHeader,
} from './labels';
import { notAPostingReason } from './not-a-posting';
import { placeOf } from './place';
import { workplaceOf } from './remote';
import { parseSalary } from './salary';
import { seniorityOf } from './seniority';
import { truncateAtWord, withoutTail } from './snippet';
import { HtmlTextReader } from './html-text-reader';
import { cleanText, htmlToText } from './text';
import { fromCapitals, spacedDashes } from './title-text';
import { normalizePostingUrl } from './urls';

export const MAX_TITLE_LENGTH = 200;
export const MAX_COMPANY_LENGTH = 200;
const MAX_LOCATION_LENGTH = 200;
const MAX_EXTERNAL_ID_LENGTH = 200;
const TITLE_LABEL = /^(?:job\s+title|position|title)\s*:\s*/i;
const TITLE_LABEL_IN_BODY = /^(?:job\s+|position\s+)?title\s*:\s*/i;
const LEADING_PUNCTUATION = /^[\s.:;,-]*/;
const LINE_BREAKS = /\n/g;
/** Characters past the snippet that must be read before it is settled: more than any label the snippet loses. */
const SETTLED_MARGIN = 32;
/** The most text a labelled header can span: MAX_HEADER_LABELS labels of at most 40 characters and their values. */
const MAX_HEADER_CHARS = MAX_HEADER_LABELS * (40 + MAX_VALUE_CHARS + 8);

export interface NormalizeContext {
  feedUrl: string;
  /** The feed's configured company, used when the posting names none. */
  company: string | null;
  fetchedAt: Date;
  snippetLength: number;
  /** The feed's numeric date order, decided by normalizeFeed from a sample of its postings. */
  dayOrder?: DayOrder;
}

export type NormalizeResult =
  | {
      ok: true;
      posting: NormalizedPosting;
      /** The partner wrote the title in capitals: it is shown in title case (src/ingest/normalize/title-text.ts). */
      titleFromCapitals: boolean;
    }
  | { ok: false; rejected: RejectedItem };

export function normalizePosting(raw: RawPosting, context: NormalizeContext): NormalizeResult {
  const reject = (reason: string): NormalizeResult => ({
    ok: false,
    rejected: { reason, sample: sampleOf(raw) },
  });

  const title = htmlToText(raw.title ?? '').replace(TITLE_LABEL, '');
  if (!title) return reject('no title');
  if (title.length > MAX_TITLE_LENGTH) return reject(`title longer than ${MAX_TITLE_LENGTH} characters`);

  const url = normalizePostingUrl(raw.url, context.feedUrl);
  if (!url)
    return reject(raw.url?.trim() ? `url is not an http(s) link: ${raw.url.trim().slice(0, 80)}` : 'no url');

  const { header, snippetText } = readDescription(raw.description ?? '', title, context.snippetLength);
  const filled = withHeaderValues(raw, header);
  const notAPosting = notAPostingReason(title, snippetText, hasJobFields(filled));
  if (notAPosting) return reject(notAPosting);
  const company =
    cleanText(raw.company ?? '') ||
    header.company ||
    cleanText(raw.feedCompany ?? '') ||
    context.company ||
    null;
  if (company && company.length > MAX_COMPANY_LENGTH)
    return reject(`company longer than ${MAX_COMPANY_LENGTH} characters`);

  const location = (cleanText(filled.location ?? '') || null)?.slice(0, MAX_LOCATION_LENGTH) ?? null;
  const externalId =
    cleanText(raw.externalId ?? '').slice(0, MAX_EXTERNAL_ID_LENGTH) || externalIdFromUrl(url);

  const workplace = workplaceOf(filled.remote, raw.tags, title, location);
  const spacedTitle = spacedDashes(title);
  const shownTitle = fromCapitals(spacedTitle);
  const posting: NormalizedPosting = {
    externalId,
    title: shownTitle,
    company,
    snippet: truncateAtWord(snippetText, context.snippetLength),
    url,
    postedAt: parsePostingDate(raw.date, context.fetchedAt, context.dayOrder),
    validThrough: parseDate(filled.validThrough, context.fetchedAt, context.dayOrder),
    location,
    remote: workplace === 'remote',
    workplace,
    place: placeOf(filled, location),
    category: categoryOf(title, snippetText),
    seniority: seniorityOf(title),
    employmentType: normalizeEmploymentType(filled.employmentType),
    salary: parseSalary(filled.salary),
  };
  return { ok: true, posting, titleFromCapitals: shownTitle !== spacedTitle };
}

export interface DescriptionReading {
  header: LabelledHeader;
  /** The text the snippet is cut from: at most the snippet's length and a margin past the header. */
  snippetText: string;
  /** What the reading cost: text characters converted, labels read. */
  charsRead: number;
  labels: number;
}

/**
 * The description's labelled header and the text its snippet starts with, from as little of its HTML as settles
 * both: a header that runs to the end of the text read so far, or too little text after it, means reading more,
 * twice as much each time, up to a bounded prefix (a header spans at most MAX_HEADER_CHARS). Header and snippet
 * are read from the same window of the text whatever its length, so a prefix gives what the whole text gives.
 */
export function readDescription(html: string, title: string, snippetLength: number): DescriptionReading {
  const reader = new HtmlTextReader(html);
  const window = snippetLength + title.length + 4 * SETTLED_MARGIN;
  const maxChars = MAX_HEADER_CHARS + window;
  for (let want = window + 4 * SETTLED_MARGIN; ; want = Math.min(maxChars, want * 2)) {
    const { text, complete } = reader.read(want);
    const { header, bodyStart, scannedTo, labels } = readLabelledHeader(text);
    const bodyEnd = bodyStart + window;
    const settled = complete || want >= maxChars || (scannedTo < text.length && bodyEnd <= text.length);
    if (!settled) continue;
    const lines = bodyStart === 0 && bodyEnd >= text.length ? text : text.slice(bodyStart, bodyEnd);
    const body = lines.includes('\n') ? lines.replace(LINE_BREAKS, ' ') : lines;
    const snippetText = withoutTail(stripDescriptionLabels(withoutRepeatedTitle(body, title)));
    return {
      header,
      snippetText: snippetText || snippetFromValues(header),
      charsRead: reader.charsRead,
      labels,
    };
  }
}

/** Fields a job has and a feed's notice or status line has not. */
function hasJobFields(raw: RawPosting): boolean {
  return !!(raw.company?.trim() || raw.location?.trim() || raw.salary?.trim() || raw.employmentType?.trim());
}

/** "Job Title: Sr Developer. Lead a team…" when the title is already shown: the repetition goes. */
function withoutRepeatedTitle(body: string, title: string): string {
  const label = TITLE_LABEL_IN_BODY.exec(body);
  if (!label) return body;
  const rest = body.slice(label[0].length);
  if (rest.slice(0, title.length).toLowerCase() !== title.toLowerCase()) return body;
  return rest.slice(title.length).replace(LEADING_PUNCTUATION, '');
}

function sampleOf(raw: RawPosting): string {
  return JSON.stringify({
    externalId: raw.externalId,
    title: raw.title?.slice(0, 120),
    url: raw.url?.slice(0, 200),
  });
}
