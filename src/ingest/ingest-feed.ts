import type { Database } from '../data/database';
import type { RunCounts } from '../data/feed-run.schema';
import type { Feed } from '../data/feed.schema';
import { AppError, isPermanentFailure } from '../errors';
import type { Logger } from '../logger';
import type { FetchResult, Validators } from './fetch/fetch-feed';
import { normalizePosting } from './normalize/normalize-posting';
import type { PreparedPosting, RawPosting, RejectedItem } from './posting';
import { readFeed } from './read-feed';

const BATCH_SIZE = 500;
const MAX_REJECTED_SAMPLES = 20;

export interface IngestDependencies {
  db: Database;
  fetch(url: string, validators: Validators): Promise<FetchResult>;
  snippetLength: number;
  logger: Logger;
}

export interface IngestRequest {
  feedId: string;
  /** The queue job: a retried job continues the same run. */
  jobId: string;
  /** A failure of the last attempt marks the feed failing; earlier ones leave that to the retry. */
  finalAttempt: boolean;
}

export type IngestOutcome =
  | { status: 'skipped'; reason: string }
  | { status: 'not_modified'; runId: string }
  | { status: 'succeeded'; runId: string; counts: RunCounts };

/** One poll of one feed: fetch, read, normalize, upsert in batches, and record the run on the feed. */
export async function ingestFeed(deps: IngestDependencies, request: IngestRequest): Promise<IngestOutcome> {
  const { db } = deps;
  const feed = await db.feeds.findById(request.feedId);
  if (!feed) return { status: 'skipped', reason: 'the feed was deleted' };
  if (feed.status === 'paused') return { status: 'skipped', reason: 'the feed is paused' };

  const startedAt = new Date();
  const run = await db.feedRuns.start(request.jobId, feed._id, startedAt);
  const log = deps.logger.child({ feedId: request.feedId, runId: String(run._id) });
  try {
    const fetched = await deps.fetch(feed.url, feed);
    if (fetched.kind === 'not_modified') {
      await db.feedRuns.finish(run._id, { status: 'not_modified' });
      await db.feeds.recordSuccess(feed._id, startedAt);
      log.info('feed not modified');
      return { status: 'not_modified', runId: String(run._id) };
    }
    const reading = await readFeed(fetched.body, {
      contentType: fetched.contentType,
      format: feed.format ?? undefined,
      mapping: feed.mapping ?? undefined,
    });
    const { counts, rejected } = await storePostings(deps, feed, reading.postings, startedAt);
    // A feed deleted while this run was writing: its postings must not outlive it.
    if (!(await db.feeds.findById(feed._id))) await db.postings.deleteForFeed(feed._id);
    await db.feedRuns.finish(run._id, {
      status: 'succeeded',
      format: reading.format.name,
      counts,
      warnings: reading.report.warnings,
      rejectedSamples: rejected,
    });
    await db.feeds.recordSuccess(feed._id, startedAt, fetched.validators);
    log.info({ format: reading.format.name, ...counts }, 'feed ingested');
    return { status: 'succeeded', runId: String(run._id), counts };
  } catch (error) {
    const message = error instanceof AppError ? error.message : `unexpected error: ${String(error)}`;
    await db.feedRuns.finish(run._id, { status: 'failed', error: message });
    if (request.finalAttempt || isPermanentFailure(error))
      await db.feeds.recordFailure(feed._id, startedAt, message);
    throw error;
  }
}

async function storePostings(
  deps: IngestDependencies,
  feed: Feed,
  postings: AsyncIterable<RawPosting>,
  seenAt: Date,
): Promise<{ counts: RunCounts; rejected: RejectedItem[] }> {
  const counts: RunCounts = { seen: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  const rejected: RejectedItem[] = [];
  const context = {
    feedUrl: feed.url,
    company: feed.company,
    fetchedAt: seenAt,
    snippetLength: deps.snippetLength,
  };
  let batch: PreparedPosting[] = [];
  const flush = async () => {
    const written = await deps.db.postings.upsertBatch(feed._id, batch, seenAt);
    counts.inserted += written.inserted;
    counts.updated += written.updated;
    counts.unchanged += written.unchanged;
    batch = [];
  };
  for await (const raw of postings) {
    counts.seen++;
    const result = normalizePosting(raw, context);
    if (result.ok) {
      batch.push(result.posting);
      if (batch.length >= BATCH_SIZE) await flush();
    } else {
      counts.rejected++;
      if (rejected.length < MAX_REJECTED_SAMPLES) rejected.push(result.rejected);
    }
  }
  if (batch.length) await flush();
  return { counts, rejected };
}
