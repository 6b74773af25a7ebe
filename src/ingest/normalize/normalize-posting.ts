import type { NormalizedPosting, RawPosting, RejectedItem } from '../posting';
import { categoryOf } from './category';
import { parseDate, parsePostingDate, type DayOrder } from './dates';
import { normalizeEmploymentType } from './employment';
import { externalIdFromUrl } from './hashes';
import { readLabelledHeader, stripDescriptionLabels, type LabelledHeader } from './labels';
import { placeOf } from './place';
import { workplaceOf } from './remote';
import { parseSalary } from './salary';
import { seniorityOf } from './seniority';
import { truncateAtWord } from './snippet';
import { HtmlTextReader } from './html-text-reader';
import { cleanText, htmlToText } from './text';
import { normalizePostingUrl } from './urls';

export const MAX_TITLE_LENGTH = 200;
export const MAX_COMPANY_LENGTH = 200;
const MAX_LOCATION_LENGTH = 200;
const MAX_EXTERNAL_ID_LENGTH = 200;
const TITLE_LABEL = /^(?:job\s+title|position|title)\s*:\s*/i;
const TITLE_LABEL_IN_BODY = /^(?:job\s+|position\s+)?title\s*:\s*/i;
const LEADING_PUNCTUATION = /^[\s.:;,-]*/;
/** Characters past the snippet that must be read before it is settled: more than any label the snippet loses. */
const SETTLED_MARGIN = 32;

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
  { ok: true; posting: NormalizedPosting } | { ok: false; rejected: RejectedItem };

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
  const company = cleanText(raw.company ?? '') || header.company || context.company || null;
  if (company && company.length > MAX_COMPANY_LENGTH)
    return reject(`company longer than ${MAX_COMPANY_LENGTH} characters`);

  const location =
    (cleanText(raw.location ?? '') || header.location || null)?.slice(0, MAX_LOCATION_LENGTH) ?? null;
  const externalId =
    cleanText(raw.externalId ?? '').slice(0, MAX_EXTERNAL_ID_LENGTH) || externalIdFromUrl(url);

  const workplace = workplaceOf(raw.remote, raw.tags, title, location);
  const posting: NormalizedPosting = {
    externalId,
    title,
    company,
    snippet: truncateAtWord(snippetText, context.snippetLength),
    url,
    postedAt: parsePostingDate(raw.date, context.fetchedAt, context.dayOrder),
    validThrough: parseDate(raw.validThrough, context.fetchedAt, context.dayOrder),
    location,
    remote: workplace === 'remote',
    workplace,
    place: placeOf(raw, location),
    category: categoryOf(title, snippetText),
    seniority: seniorityOf(title),
    employmentType: normalizeEmploymentType(raw.employmentType),
    salary: parseSalary(raw.salary),
  };
  return { ok: true, posting };
}

/**
 * The description's labelled header and the text its snippet starts with, from as little of its HTML as settles
 * both: a header value or a label cut off by the end of the text read so far means reading more.
 */
function readDescription(
  html: string,
  title: string,
  snippetLength: number,
): { header: LabelledHeader; snippetText: string } {
  const reader = new HtmlTextReader(html);
  for (let want = snippetLength + title.length + 2 * SETTLED_MARGIN; ; want += SETTLED_MARGIN) {
    const { text, complete } = reader.read(want);
    const { header, body } = readLabelledHeader(text);
    const snippetText = stripDescriptionLabels(withoutRepeatedTitle(body, title));
    const settled =
      body.length >= title.length + SETTLED_MARGIN && snippetText.length >= snippetLength + SETTLED_MARGIN;
    if (complete || settled) return { header, snippetText };
  }
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
