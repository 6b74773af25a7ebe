import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { normalizeFeed } from './normalize/normalize-feed';
import type { NormalizeContext } from './normalize/normalize-posting';
import { toJsonPosting, type RejectedItem } from './posting';
import type { FeedReading } from './read-feed';

export interface NdjsonCounts {
  seen: number;
  valid: number;
  rejected: number;
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
 * feed-level warnings (how dates were read, dates that could not be) join `reading.report`.
 */
export async function ingestToNdjson(
  reading: FeedReading,
  context: NormalizeContext,
  out: Writable,
  options: NdjsonOptions,
): Promise<NdjsonCounts> {
  const counts: NdjsonCounts = { seen: 0, valid: 0, rejected: 0 };
  const progressEvery = options.progressEvery ?? 10_000;
  let lines: string[] = [];
  const flush = async () => {
    if (lines.length === 0) return;
    const chunk = `${lines.join('\n')}\n`;
    lines = [];
    if (!out.write(chunk)) await once(out, 'drain');
  };
  for await (const result of normalizeFeed(reading.postings, context, { report: reading.report })) {
    counts.seen++;
    if (result.ok) {
      counts.valid++;
      lines.push(JSON.stringify(toJsonPosting(result.posting)));
      if (lines.length >= LINES_PER_WRITE) await flush();
    } else {
      counts.rejected++;
      options.onRejected(result.rejected);
    }
    if (counts.seen % progressEvery === 0) options.onProgress?.(counts);
  }
  await flush();
  return counts;
}
