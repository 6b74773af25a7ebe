import { Backoffs, UnrecoverableError, type BackoffOptions, type MinimalJob } from 'bullmq';
import { FetchError, isPermanentFailure } from '../src/errors';
import type { IngestJobDefaults } from '../src/queue/queues';

/**
 * The ingest queue's retry policy, in one place: how many tries, how long between them, which failures are not
 * retried, when a try is the last one, and how many finished jobs are kept. README "Retries" says the same in prose.
 */

/** INGEST_ATTEMPTS and INGEST_BACKOFF_MS (config.worker). */
export interface IngestRetry {
  attempts: number;
  backoffMs: number;
}

/**
 * BullMQ's built-in 'exponential' never consults a custom strategy, so the ingest queue names its own type; the
 * strategy below delegates the exponential part, jitter included, to BullMQ's and only adds Retry-After.
 */
export const INGEST_BACKOFF_TYPE = 'exponential-or-retry-after';
/** Each delay is drawn from [ceiling * (1 - JITTER), ceiling), the ceiling being backoffMs * 2^(retry - 1). */
export const INGEST_JITTER = 0.5;
/** A partner's Retry-After is honoured up to a day; beyond that the feed is due again anyway. */
export const MAX_RETRY_AFTER_MS = 24 * 3600_000;
/** How long a job waits when its partner host has no free fetch slot (without using an attempt), plus jitter. */
export const HOST_BUSY_DELAY_MS = 1000;

/** Failed jobs stay a week for inspection (bounded); completed ones a day, to deduplicate a repeated job id. */
const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 10_000 };

/** The ingest queue's default job options; every createQueues call takes them from here. */
export function ingestJobOptions(retry: IngestRetry): IngestJobDefaults {
  return {
    attempts: retry.attempts,
    backoff: { type: INGEST_BACKOFF_TYPE, delay: retry.backoffMs, jitter: INGEST_JITTER },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  };
}

/**
 * The Worker's backoffStrategy: BullMQ's exponential delay with jitter for retry number `attemptsMade` (1 for the
 * first retry), but never sooner than the Retry-After of a 429 or 503 (FetchError.retryAfterMs).
 */
export function ingestBackoff(attemptsMade: number, _type?: string, error?: Error, job?: MinimalJob): number {
  const backoff = job?.opts.backoff as BackoffOptions | undefined;
  const exponential = Backoffs.builtinStrategies.exponential!(
    backoff?.delay ?? 1000,
    backoff?.jitter ?? INGEST_JITTER,
  )(attemptsMade) as number;
  const retryAfter = error instanceof FetchError ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(exponential, Math.min(retryAfter, MAX_RETRY_AFTER_MS));
}

type Attempts = Pick<MinimalJob, 'attemptsMade'> & { opts: { attempts?: number } };

/**
 * The one "last attempt" rule, BullMQ's own (Job.shouldRetryJob): a failing try is retried while
 * attemptsMade + 1 < attempts, attemptsMade counting the failures before it. Call it while the try runs.
 */
export function isLastAttempt(job: Attempts): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * For a Worker's 'failed' event: true when the job will not run again. BullMQ has counted the failed try in
 * attemptsMade by then, so the rule is asked about the try before that count.
 */
export function failedForGood(job: Attempts | undefined, error: Error): boolean {
  if (!job || error.name === 'UnrecoverableError') return true;
  return isLastAttempt({ attemptsMade: job.attemptsMade - 1, opts: job.opts });
}

/** A failure no retry can mend (a 404 or 410, a refused address, not a job feed) ends the job at once. */
export function asJobFailure(error: unknown): unknown {
  return isPermanentFailure(error) ? new UnrecoverableError((error as Error).message) : error;
}

/** When a deferred job (its host busy) runs again: HOST_BUSY_DELAY_MS plus up to as much again as jitter. */
export function hostBusyRetryAt(now: number, random: () => number = Math.random): number {
  return now + HOST_BUSY_DELAY_MS * (1 + random());
}
