import type { BackoffOptions, MinimalJob } from 'bullmq';
import { FetchError } from '../errors';

/** The ingest queue's backoff type: exponential with jitter, but never sooner than the partner's Retry-After. */
export const INGEST_BACKOFF_TYPE = 'exponential-or-retry-after';

const JITTER = 0.5;
const MAX_RETRY_AFTER_MS = 24 * 3600_000;

export function ingestBackoff(attemptsMade: number, _type?: string, error?: Error, job?: MinimalJob): number {
  const base = (job?.opts.backoff as BackoffOptions | undefined)?.delay ?? 1000;
  const ceiling = Math.round(2 ** Math.max(0, attemptsMade - 1) * base);
  const exponential = Math.floor(ceiling * (1 - JITTER * Math.random()));
  const retryAfter = error instanceof FetchError ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(exponential, Math.min(retryAfter, MAX_RETRY_AFTER_MS));
}
