import { DelayedError, type Job } from 'bullmq';
import { ingestFeed, type IngestDependencies, type IngestOutcome } from '../src/ingest/ingest-feed';
import type { JobPayloads } from '../src/queue/queues';
import { asJobFailure, hostBusyRetryAt, isLastAttempt } from './ingest.policy';

/**
 * One poll per job. Retries (attempts, backoff, Retry-After), the last-attempt rule and which failures are
 * permanent are the policy beside this file (ingest.policy.ts). A job whose host is busy goes back to the delayed
 * set without using an attempt.
 */
export function createIngestProcessor(deps: IngestDependencies) {
  return async (job: Job<JobPayloads['ingest']>, token?: string): Promise<IngestOutcome> => {
    let outcome: IngestOutcome;
    try {
      outcome = await ingestFeed(deps, {
        feedId: job.data.feedId,
        jobId: job.id!,
        finalAttempt: isLastAttempt(job),
      });
    } catch (error) {
      throw asJobFailure(error);
    }
    if (outcome.status === 'deferred') {
      await job.moveToDelayed(hostBusyRetryAt(Date.now()), token);
      throw new DelayedError(outcome.reason);
    }
    return outcome;
  };
}
