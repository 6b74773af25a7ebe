import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { isPermanentFailure } from '../src/errors';
import { ingestFeed, type IngestDependencies, type IngestOutcome } from '../src/ingest/ingest-feed';
import type { JobPayloads } from '../src/queue/queues';

/** How long a job waits when its partner host has no free fetch slot; a random share is added as jitter. */
export const HOST_BUSY_DELAY_MS = 1000;

/**
 * Retries (attempts, exponential backoff with jitter, never sooner than a Retry-After) are the ingest queue's
 * default job options, from INGEST_ATTEMPTS and INGEST_BACKOFF_MS, computed by ingestBackoff. A failure no retry
 * can mend ends the job at once. A job whose host is busy goes back to the delayed set without using an attempt.
 */
export function createIngestProcessor(deps: IngestDependencies) {
  return async (job: Job<JobPayloads['ingest']>, token?: string): Promise<IngestOutcome> => {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    let outcome: IngestOutcome;
    try {
      outcome = await ingestFeed(deps, { feedId: job.data.feedId, jobId: job.id!, finalAttempt });
    } catch (error) {
      if (isPermanentFailure(error)) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
    if (outcome.status === 'deferred') {
      await job.moveToDelayed(Date.now() + HOST_BUSY_DELAY_MS * (1 + Math.random()), token);
      throw new DelayedError(outcome.reason);
    }
    return outcome;
  };
}
