import type { Database } from '../data/database';
import type { RunOutcome } from '../data/feed-run.repository';
import type { RunCounts } from '../data/feed-run.schema';
import type { Feed } from '../data/feed.schema';
import type { StoredPostings } from '../data/posting.repository';
import { AppError, NoValidPostingsError, isPermanentFailure } from '../errors';
import type { Logger } from '../logger';
import type { HostSlots } from '../queue/host-slots';
import { BodyDigest, readerSettings } from './body-digest';
import { whyExpiryWaits } from './expiry-guard';
import type { FetchResult, Validators } from './fetch/fetch-feed';
import { parseFieldMapping } from './formats/field-mapping.schema';
import { withStoreHashes } from './normalize/hashes';
import { normalizeFeed } from './normalize/normalize-feed';
import type { PreparedPosting, RejectedItem } from '../domain/posting';
import { failingNextRunAt } from '../domain/polling';
import { QualityTally, type QualityReport } from './quality/quality-report';
import { readFeed, type FeedReading } from './read-feed';

/**
 * Postings are written in batches that start small, so the first ones are stored soon after the body starts, and
 * double up to MAX_BATCH_SIZE, so a large feed takes few round trips: each batch waits for a majority of a replica
 * set and looks up its fingerprints once.
 */
const FIRST_BATCH_SIZE = 500;
const MAX_BATCH_SIZE = 5000;
const MAX_REJECTED_SAMPLES = 20;

export interface IngestDependencies {
  db: Database;
  fetch(url: string, validators: Validators): Promise<FetchResult>;
  snippetLength: number;
  logger: Logger;
  /** At most FETCH_HOST_CONCURRENCY fetches per partner host, across all workers. */
  hostSlots: HostSlots;
  /** FEED_FAILING_AFTER: failed polls in a row before a feed is marked failing. */
  failingAfter: number;
  /** EXPIRY_MIN_SHARE: a read carrying fewer than this share of the feed's active postings expires none. */
  expiryMinShare: number;
  /** Called after an ingest that inserted, updated or expired postings: the API's read caches are now stale. */
  onPostingsChanged?(): Promise<void>;
  /**
   * Called before a run's first posting write; the function it returns after the run's onPostingsChanged (or its
   * failure). Between the two the API's read caches neither store a render nor drop the answers they hold.
   */
  beginPostingsWrite?(): Promise<() => Promise<void>>;
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
  /** Nothing ran: the partner host has all its fetch slots taken; the job is to come back shortly. */
  | { status: 'deferred'; reason: string }
  | { status: 'not_modified'; runId: string }
  /** The body, and what decides how it is read, are the last successful full read's: no posting was written. */
  | { status: 'unchanged'; runId: string; counts: RunCounts; expired: number }
  | { status: 'succeeded'; runId: string; counts: RunCounts; expired: number; expirySkipped: string | null };

/** One poll of one feed: fetch, read, normalize, upsert in batches, and record the run on the feed. */
export async function ingestFeed(deps: IngestDependencies, request: IngestRequest): Promise<IngestOutcome> {
  const { db } = deps;
  const feed = await db.feeds.findById(request.feedId);
  if (!feed) return { status: 'skipped', reason: 'the feed was deleted' };
  if (feed.status === 'paused') return { status: 'skipped', reason: 'the feed is paused' };
  const host = URL.canParse(feed.url) ? new URL(feed.url).host : feed.url;
  const lease = await deps.hostSlots.tryAcquire(host);
  if (!lease) return { status: 'deferred', reason: `${host} has all its fetch slots taken` };
  try {
    return await pollFeed(deps, feed, request);
  } finally {
    await lease.release();
  }
}

async function pollFeed(
  deps: IngestDependencies,
  feed: Feed,
  request: IngestRequest,
): Promise<IngestOutcome> {
  const { db } = deps;
  const startedAt = new Date();
  const run = await db.feedRuns.start(request.jobId, feed._id, startedAt);
  const log = deps.logger.child({ feedId: request.feedId, runId: String(run._id) });
  let fetched: FetchResult | undefined;
  /** What the read found, kept on the run whether it then succeeds or fails. */
  let readDetails: Omit<RunOutcome, 'status'> = {};
  let endWrites: (() => Promise<void>) | undefined;
  const beginWrites = async () => {
    endWrites ??= (await deps.beginPostingsWrite?.()) ?? (() => Promise.resolve());
  };
  try {
    fetched = await deps.fetch(feed.url, feed);
    if (fetched.kind === 'not_modified') {
      await db.feedRuns.finish(run._id, { status: 'not_modified' });
      await db.feeds.recordSuccess(feed._id, startedAt, undefined, feed.intervalMinutes);
      log.info('feed not modified');
      return { status: 'not_modified', runId: String(run._id) };
    }
    const digest = new BodyDigest(readerSettings(feed, deps.snippetLength), feed.bodyDigests);
    const reading = await readFeed(digest.pass(fetched.body), {
      contentType: fetched.contentType,
      format: feed.format ?? undefined,
      mapping: feed.mapping ? parseFieldMapping(feed.mapping) : null,
      url: feed.url,
      personioAccount: feed.personioAccount ?? undefined,
    });
    const { counts, rejected, rejectedByReason, seen, quality, store } = await storePostings(
      deps,
      feed,
      reading,
      startedAt,
      digest,
      beginWrites,
    );
    readDetails = {
      format: reading.format.name,
      counts,
      warnings: reading.report.warnings,
      rejectedSamples: rejected,
      quality,
    };
    if (seen.size === 0) throw new NoValidPostingsError(counts.seen, rejectedByReason);
    const bodyDigests = digest.digests;
    if (!store) {
      await db.feedRuns.finish(run._id, { status: 'unchanged', ...readDetails });
      if (feed.postingsMissedOnce) await beginWrites();
      const expired = feed.postingsMissedOnce ? await db.postings.expireAfterUnchangedFetch(feed._id) : 0;
      await db.feeds.recordSuccess(
        feed._id,
        startedAt,
        { ...fetched.validators, bodyDigests, postingsMissedOnce: 0 },
        feed.intervalMinutes,
      );
      log.info({ format: reading.format.name, ...counts, expired }, 'feed unchanged');
      if (expired > 0) await announceChange(deps, log);
      return { status: 'unchanged', runId: String(run._id), counts, expired };
    }
    // A feed deleted while this run was writing: its postings must not outlive it.
    if (!(await db.feeds.findById(feed._id))) await db.postings.deleteForFeed(feed._id);
    const expirySkipped = whyExpiryWaits(reading.report, seen.size, store.activeBefore, deps.expiryMinShare);
    await db.feedRuns.finish(run._id, { status: 'succeeded', ...readDetails, expirySkipped });
    const expired = expirySkipped ? 0 : await db.postings.expireAfterFullFetch(store.stored, seen, startedAt);
    // Not a full fetch: neither validators nor digests kept, so the next poll reads the whole document again.
    const postingsMissedOnce = [...store.stored.values()].filter(
      (posting) =>
        posting.status === 'active' && posting.missedFetches === 0 && !seen.has(posting.externalId),
    ).length;
    const fullFetch = expirySkipped
      ? undefined
      : { ...fetched.validators, bodyDigests: store.skippedDiffer ? null : bodyDigests, postingsMissedOnce };
    await db.feeds.recordSuccess(feed._id, startedAt, fullFetch, feed.intervalMinutes);
    log.info({ format: reading.format.name, ...counts, expired, expirySkipped }, 'feed ingested');
    if (counts.inserted + counts.updated + expired > 0) await announceChange(deps, log);
    return { status: 'succeeded', runId: String(run._id), counts, expired, expirySkipped };
  } catch (error) {
    // A body left unread (say, detection failed on its first bytes) closes its connection now, not at a timeout.
    if (fetched?.kind === 'ok') await fetched.body[Symbol.asyncIterator]().return?.();
    const message = error instanceof AppError ? error.message : `unexpected error: ${String(error)}`;
    await db.feedRuns.finish(run._id, { ...readDetails, status: 'failed', error: message });
    const permanent = isPermanentFailure(error);
    if (request.finalAttempt || permanent) {
      const failed = await db.feeds.recordFailure(feed._id, startedAt, message);
      const nextRunAt =
        failed && failed.status !== 'paused'
          ? failingNextRunAt(failed, startedAt, { permanent, failingAfter: deps.failingAfter })
          : null;
      const stored = nextRunAt ? await db.feeds.markFailing(feed._id, nextRunAt) : failed;
      log.warn(
        { consecutiveFailures: stored?.consecutiveFailures, status: stored?.status, error: message },
        'feed poll failed',
      );
    }
    throw error;
  } finally {
    await endWrites?.().catch((error: unknown) =>
      log.warn({ err: error }, 'cannot end the postings write mark'),
    );
  }
}

/** The feed's stored postings, read once by a run that writes, before its first write. */
interface Store {
  stored: StoredPostings;
  activeBefore: number;
  /**
   * Some posting skipped as read from the same bytes as last time is stored otherwise: the last body repeated its
   * externalId after the bytes this one shares with it. Digests are then not kept, so the next poll writes it.
   */
  skippedDiffer: boolean;
}

/**
 * Normalizes the read and writes it in batches. Postings read while `digest` is matching come from the same bytes
 * as in the last successful full read, which stored them: they are counted unchanged without reading the store.
 * The store is read, and the digests forgotten, before the first write; `store` is null when nothing was written.
 */
async function storePostings(
  deps: IngestDependencies,
  feed: Feed,
  reading: FeedReading,
  seenAt: Date,
  digest: BodyDigest,
  beginWrites: () => Promise<void>,
): Promise<{
  counts: RunCounts;
  rejected: RejectedItem[];
  rejectedByReason: Map<string, number>;
  seen: Set<string>;
  quality: QualityReport;
  store: Store | null;
}> {
  const { db } = deps;
  /** externalId -> contentHash of the postings counted unchanged from matching bytes. */
  const skipped = new Map<string, string>();
  let store: Store | null = null;
  const openStore = async (): Promise<Store> => {
    await beginWrites();
    await db.feeds.forgetBodyDigests(feed._id);
    const stored = await db.postings.loadForFeed(feed._id);
    const activeBefore = [...stored.values()].filter((posting) => posting.status === 'active').length;
    const skippedDiffer = [...skipped].some(([id, hash]) => stored.get(id)?.contentHash !== hash);
    return { stored, activeBefore, skippedDiffer };
  };
  const seen = new Set<string>();
  const counts: RunCounts = { seen: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  const rejected: RejectedItem[] = [];
  const rejectedByReason = new Map<string, number>();
  const context = {
    feedUrl: feed.url,
    company: feed.company,
    fetchedAt: seenAt,
    snippetLength: deps.snippetLength,
  };
  let batch: PreparedPosting[] = [];
  let batchSize = FIRST_BATCH_SIZE;
  const flush = async () => {
    store ??= await openStore();
    const written = await db.postings.writeBatch(
      feed._id,
      batch,
      seenAt,
      store.stored,
      feed.recruiterId ?? null,
    );
    for (const posting of batch) seen.add(posting.externalId);
    counts.inserted += written.inserted;
    counts.updated += written.updated;
    counts.unchanged += written.unchanged;
    batch = [];
    batchSize = Math.min(batchSize * 2, MAX_BATCH_SIZE);
  };
  const quality = new QualityTally({ configuredCompany: feed.company });
  for await (const result of normalizeFeed(reading.postings, context, { report: reading.report, quality })) {
    counts.seen++;
    if (result.ok) {
      const posting = withStoreHashes(result.posting, result.raw.date);
      if (digest.matching) {
        // Within a read the later posting with an externalId wins, and is counted once.
        if (!seen.has(posting.externalId)) counts.unchanged++;
        skipped.set(posting.externalId, posting.contentHash);
        seen.add(posting.externalId);
        continue;
      }
      batch.push(posting);
      if (batch.length >= batchSize) await flush();
    } else {
      counts.rejected++;
      const kind = rejectionKind(result.rejected.reason);
      rejectedByReason.set(kind, (rejectedByReason.get(kind) ?? 0) + 1);
      if (rejected.length < MAX_REJECTED_SAMPLES) rejected.push(result.rejected);
    }
  }
  if (batch.length) await flush();
  if (!digest.unchanged) store ??= await openStore();
  return { counts, rejected, rejectedByReason, seen, quality: quality.report(), store };
}

/** A reason without the item's own value ("url is not an http(s) link: x" -> "url is not an http(s) link"). */
function rejectionKind(reason: string): string {
  const colon = reason.indexOf(': ');
  return colon < 0 ? reason : reason.slice(0, colon);
}

/** The postings are stored either way; a failed announcement only leaves caches stale until their max-age. */
async function announceChange(deps: IngestDependencies, log: Logger): Promise<void> {
  try {
    await deps.onPostingsChanged?.();
  } catch (error) {
    log.warn({ err: error }, 'cannot announce changed postings to the API caches');
  }
}
