import { FetchError, NotAJobFeedError } from '../errors';
import type { FetchResult } from './fetch/fetch-feed';
import type { FieldMapping } from '../domain/field-mapping';
import { normalizeFeed } from './normalize/normalize-feed';
import { QualityTally, type QualityReport } from './quality/quality-report';
import type { NormalizedPosting, RejectedItem } from '../domain/posting';
import { CUT_SHORT_WARNING } from './formats/xml-records';
import { readFeed } from './read-feed';

export const PREVIEW_POSTINGS = 20;
const MAX_REJECTED_SAMPLES = 20;
const STALE_AFTER_MS = 365 * 86_400_000;

export interface PreviewRequest {
  url: string;
  format?: string;
  mapping?: FieldMapping;
  company?: string;
  personioAccount?: string;
}

export interface PreviewDependencies {
  /** The same fetch the ingest worker uses (with its limits and address guard), without cache validators. */
  fetch(url: string): Promise<FetchResult>;
  snippetLength: number;
}

export interface PreviewReport {
  detectedFormat: string;
  postings: NormalizedPosting[];
  counts: { seen: number; valid: number; rejected: number };
  warnings: string[];
  rejected: RejectedItem[];
  quality: QualityReport;
}

/** Where each format keeps a field, for warnings that say what to add. */
const ELEMENTS: Record<string, Record<'externalId' | 'title' | 'url' | 'company' | 'date', string>> = {
  rss: {
    externalId: '<guid>',
    title: '<title>',
    url: '<link>',
    company: '<job_listing:company> (or a "Company: …" line in <description>)',
    date: '<pubDate>',
  },
  'indeed-xml': {
    externalId: '<referencenumber>',
    title: '<title>',
    url: '<url>',
    company: '<company>',
    date: '<date>',
  },
};
const GENERIC = { externalId: 'id', title: 'title', url: 'link', company: 'company', date: 'date' };

interface Tally {
  withoutId: number;
  withoutCompany: number;
  withoutDate: number;
  repeatedIds: number;
  stale: number;
  rejectedReasons: Map<string, number>;
}

/** Fetches and normalizes a feed without saving anything: what jobfeed would make of it, and what to fix. */
export async function previewFeed(
  deps: PreviewDependencies,
  request: PreviewRequest,
  now = new Date(),
): Promise<PreviewReport> {
  const fetched = await deps.fetch(request.url);
  if (fetched.kind !== 'ok')
    throw new NotAJobFeedError('a 304 Not Modified answer to an unconditional request');
  try {
    return await reportOn(fetched.body, fetched.contentType, request, deps.snippetLength, now);
  } catch (error) {
    // A body left unread (a document refused part-way) is closed now, or closing the client waits for it forever.
    await fetched.body[Symbol.asyncIterator]().return?.();
    throw error;
  }
}

async function reportOn(
  body: AsyncIterable<Uint8Array>,
  contentType: string | undefined,
  request: PreviewRequest,
  snippetLength: number,
  now: Date,
): Promise<PreviewReport> {
  const reading = await readFeed(body, {
    contentType,
    format: request.format,
    mapping: request.mapping,
    url: request.url,
    personioAccount: request.personioAccount,
  });
  const context = {
    feedUrl: request.url,
    company: request.company ?? null,
    fetchedAt: now,
    snippetLength,
  };
  const counts = { seen: 0, valid: 0, rejected: 0 };
  const postings: NormalizedPosting[] = [];
  const rejected: RejectedItem[] = [];
  const ids = new Set<string>();
  const tally: Tally = {
    withoutId: 0,
    withoutCompany: 0,
    withoutDate: 0,
    repeatedIds: 0,
    stale: 0,
    rejectedReasons: new Map(),
  };
  const warnings: string[] = [];
  const where = ELEMENTS[reading.format.name] ?? GENERIC;
  // How the feed's dates were read and which could not be: said as they are, not as damage to the document.
  const feedReport = { warnings: [] as string[] };
  const quality = new QualityTally({ configuredCompany: request.company ?? null });
  try {
    for await (const result of normalizeFeed(reading.postings, context, {
      report: feedReport,
      dateField: where.date,
      quality,
    })) {
      counts.seen++;
      const raw = result.raw;
      if (!result.ok) {
        counts.rejected++;
        const kind = result.rejected.reason.split(':')[0]!;
        tally.rejectedReasons.set(kind, (tally.rejectedReasons.get(kind) ?? 0) + 1);
        if (rejected.length < MAX_REJECTED_SAMPLES) rejected.push(result.rejected);
        continue;
      }
      counts.valid++;
      const posting = result.posting;
      if (postings.length < PREVIEW_POSTINGS) postings.push(posting);
      if (!raw.externalId?.trim()) tally.withoutId++;
      if (ids.has(posting.externalId)) tally.repeatedIds++;
      ids.add(posting.externalId);
      if (!posting.company) tally.withoutCompany++;
      if (!raw.date?.trim()) tally.withoutDate++;
      if (posting.postedAt && now.getTime() - posting.postedAt.getTime() > STALE_AFTER_MS) tally.stale++;
    }
  } catch (error) {
    // A feed too large to preview in full still gets a report on the part that was read.
    if (!(error instanceof FetchError && error.outcome === 'too_large' && counts.seen > 0)) throw error;
    warnings.push(
      'The feed is larger than the preview reads; these counts cover its first part only (the full feed is read when it is polled).',
    );
  }
  warnings.push(
    ...reading.report.warnings.map((w) =>
      w === CUT_SHORT_WARNING ? `The document is damaged: ${w}. Make sure the whole feed is served.` : w,
    ),
  );
  warnings.push(...feedReport.warnings);
  warnings.push(...rejectionWarnings(tally.rejectedReasons, where));
  warnings.push(...fieldWarnings(tally, counts.valid, where, Boolean(request.company)));
  return {
    detectedFormat: reading.format.name,
    postings,
    counts,
    warnings,
    rejected,
    quality: quality.report(),
  };
}

function rejectionWarnings(reasons: Map<string, number>, where: typeof GENERIC): string[] {
  const skipped = (n: number) => `${n} ${n === 1 ? 'posting was' : 'postings were'} skipped`;
  return [...reasons].map(([reason, n]) => {
    if (reason === 'no title')
      return `${skipped(n)} for having no title: give every posting a ${where.title}.`;
    if (reason === 'no url')
      return `${skipped(n)} for having no link: give every posting a ${where.url} with an absolute http(s) URL.`;
    if (reason.startsWith('url is not'))
      return `${skipped(n)} because their ${where.url} is not an http(s) link (javascript:, mailto: and other schemes are refused): link each posting to its web page.`;
    if (reason.startsWith('title longer'))
      return `${skipped(n)} because the title is longer than 200 characters: keep ${where.title} to the job title and move the rest into the description.`;
    return `${skipped(n)}: ${reason}.`;
  });
}

function fieldWarnings(tally: Tally, valid: number, where: typeof GENERIC, hasCompany: boolean): string[] {
  const warnings: string[] = [];
  const of = (n: number) => (n === valid ? `All ${valid}` : `${n} of ${valid}`);
  if (tally.withoutId)
    warnings.push(
      `${of(tally.withoutId)} postings have no ${where.externalId}: they are told apart by their link, so a changed link shows as a new posting. Add a stable id to each posting.`,
    );
  if (tally.repeatedIds)
    warnings.push(
      `${tally.repeatedIds} ${tally.repeatedIds === 1 ? 'posting repeats' : 'postings repeat'} an id used earlier in the feed, and only the last of each is kept: give each posting its own ${where.externalId}.`,
    );
  if (tally.withoutCompany)
    warnings.push(
      `${of(tally.withoutCompany)} postings name no company: add ${where.company} to each posting${hasCompany ? '' : ', or set the feed\'s "company" for all of them'}.`,
    );
  if (tally.withoutDate)
    warnings.push(
      `${of(tally.withoutDate)} postings have no ${where.date}: they are dated when jobfeed first sees them. Add the date each job was posted.`,
    );
  if (tally.stale)
    warnings.push(
      `${of(tally.stale)} postings were posted more than a year ago: remove jobs that are no longer open.`,
    );
  return warnings;
}
