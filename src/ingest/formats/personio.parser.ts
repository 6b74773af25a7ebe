import type { RawPosting } from '../../domain/posting';
import { pick, type FeedFormat, type ParseOptions, type ParseReport } from './format';
import { readXmlPostings, type XmlRecord } from './xml-records';

const PERSONIO_HOST = /^([a-z0-9][a-z0-9-]*)\.jobs\.personio\.(de|com)$/i;
/** Kept apart per occurrence: a position's description sections and its additional offices. */
const LIST_ITEMS: ReadonlySet<string> = new Set(['jobdescription', 'office']);
const HTML_SPECIAL = /[&<>]/g;
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Personio's public XML (`https://{account}.jobs.personio.de/xml`, root `<workzag-jobs>`, one `<position>` each).
 * Positions carry no URL: the job page is the account's host plus `/job/{id}`, the account taken from the feed
 * URL's host or, for a feed served elsewhere, from the feed's Personio account setting.
 */
export const personioFormat: FeedFormat = {
  name: 'personio',
  description: 'a Personio XML feed',
  parse: (text, report, options = {}) => {
    const jobPageBase = jobPageBaseOf(options, report);
    return readXmlPostings(text, 'position', report, (position) => toRawPosting(position, jobPageBase), {
      listItems: LIST_ITEMS,
    });
  },
};

function toRawPosting(position: XmlRecord, jobPageBase: string | undefined): RawPosting {
  const id = pick(position, 'id');
  const employmentType = pick(position, 'employmenttype');
  const schedule = pick(position, 'schedule');
  return {
    externalId: id,
    title: pick(position, 'name'),
    company: pick(position, 'subcompany'),
    description: sectionsHtml(position),
    url: jobPageBase && id ? `${jobPageBase}${encodeURIComponent(id)}` : undefined,
    date: pick(position, 'createdat'),
    location: pick(position, 'office'),
    // "permanent" says nothing of the hours; the schedule (full-time, part-time) does.
    employmentType:
      !employmentType || /^permanent$/i.test(employmentType) ? (schedule ?? employmentType) : employmentType,
  };
}

/**
 * The `<jobDescription>` blocks as headed HTML sections. The first section's heading is left out: the snippet
 * starts at the posting's prose, not at a heading such as "Your mission".
 */
function sectionsHtml(position: XmlRecord): string | undefined {
  const sections: string[] = [];
  for (let n = 1; ; n++) {
    const block = n === 1 ? 'jobdescriptions/jobdescription' : `jobdescriptions/jobdescription#${n}`;
    if (position[block] === undefined) break;
    const value = pick(position, `${block}/value`);
    if (!value) continue;
    const heading = pick(position, `${block}/name`);
    sections.push(sections.length && heading ? `<h3>${escapeHtml(heading)}</h3>${value}` : value);
  }
  return sections.length ? sections.join('\n') : undefined;
}

/** `https://{account}.jobs.personio.de/job/`, or undefined (with a warning) when the account is unknown. */
function jobPageBaseOf(options: ParseOptions, report: ParseReport): string | undefined {
  const setting = options.personioAccount?.trim();
  if (setting) {
    const host = PERSONIO_HOST.test(setting) ? setting : `${setting}.jobs.personio.de`;
    return `https://${host.toLowerCase()}/job/`;
  }
  const host = hostOf(options.documentUrl);
  if (host && PERSONIO_HOST.test(host)) return `https://${host}/job/`;
  report.warnings.push(
    `Personio positions carry no URL and the feed URL${host ? ` (${host})` : ''} is not a {account}.jobs.personio.de ` +
      "address: set the feed's Personio account so each position links to its job page; positions are rejected until then",
  );
  return undefined;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function escapeHtml(text: string): string {
  return text.replace(HTML_SPECIAL, (char) => HTML_ESCAPES[char]!);
}
