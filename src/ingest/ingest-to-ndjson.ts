import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { normalizeFeed } from './normalize/normalize-feed';
import type { NormalizeContext } from './normalize/normalize-posting';
import { hash } from 'node:crypto';
import { toJsonPosting, type NormalizedPosting, type RejectedItem } from '../domain/posting';
import { QualityTally, type QualityReport } from './quality/quality-report';
import type { FeedReading } from './read-feed';

export interface NdjsonCounts {
  seen: number;
  valid: number;
  rejected: number;
  /** Postings whose externalId an earlier one of the read already had. */
  repeatedIds: number;
  /** Postings of the same content as an earlier one under another id: printed with `duplicateOf`. */
  duplicates: number;
}

export interface NdjsonResult {
  counts: NdjsonCounts;
  quality: QualityReport;
}

export interface NdjsonOptions {
  onRejected(rejected: RejectedItem): void;
  /** Called every `progressEvery` postings read. */
  onProgress?(counts: NdjsonCounts): void;
  progressEvery?: number;
}

/** Lines are gathered into writes of this many: one write per posting costs a system call each. */
const LINES_PER_WRITE = 128;

/**
 * The dry-run ingest: every posting of a feed normalized and written to `out` as one JSON line, as it is read. The
 * feed-level warnings (how dates were read, dates that could not be) join `reading.report`, and the result carries
 * the read's quality report. What is printed is what would be listed: an externalId already printed is not printed
 * again (the output streams, so the first is shown; the store keeps the later, and the warning says so), and a
 * posting whose content repeats an earlier one under another id carries `duplicateOf` with that id.
 */
export async function ingestToNdjson(
  reading: FeedReading,
  context: NormalizeContext,
  out: Writable,
  options: NdjsonOptions,
): Promise<NdjsonResult> {
  const counts: NdjsonCounts = { seen: 0, valid: 0, rejected: 0, repeatedIds: 0, duplicates: 0 };
  const quality = new QualityTally({ configuredCompany: context.company });
  const printedIds = new Set<string>();
  const firstIdByContent = new Map<string, string>();
  const progressEvery = options.progressEvery ?? 10_000;
  let lines: string[] = [];
  const flush = async () => {
    if (lines.length === 0) return;
    const chunk = `${lines.join('\n')}\n`;
    lines = [];
    if (!out.write(chunk)) await once(out, 'drain');
  };
  for await (const result of normalizeFeed(reading.postings, context, { report: reading.report, quality })) {
    counts.seen++;
    if (result.ok) {
      counts.valid++;
      const { posting } = result;
      if (printedIds.has(posting.externalId)) {
        counts.repeatedIds++;
        continue;
      }
      printedIds.add(posting.externalId);
      const key = contentKey(posting);
      const duplicateOf = firstIdByContent.get(key);
      if (duplicateOf) counts.duplicates++;
      else firstIdByContent.set(key, posting.externalId);
      lines.push(
        JSON.stringify(duplicateOf ? { ...toJsonPosting(posting), duplicateOf } : toJsonPosting(posting)),
      );
      if (lines.length >= LINES_PER_WRITE) await flush();
    } else {
      counts.rejected++;
      options.onRejected(result.rejected);
    }
    if (counts.seen % progressEvery === 0) options.onProgress?.(counts);
  }
  await flush();
  if (counts.repeatedIds)
    reading.report.warnings.push(
      `${counts.repeatedIds} postings repeat an externalId used earlier in the feed: each id is printed once (the first), and the store keeps the last of each`,
    );
  return { counts, quality: quality.report() };
}

/** What a reader sees of a posting, the id aside: the same job posted twice under two ids shares it. */
function contentKey(posting: NormalizedPosting): string {
  return hash(
    'sha1',
    [posting.title, posting.company, posting.location, posting.snippet, posting.url].join('\u0000'),
    'base64',
  );
}
