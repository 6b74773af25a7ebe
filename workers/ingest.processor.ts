import { UnrecoverableError, type Job } from 'bullmq';
import { isPermanentFailure } from '../src/errors';
import { ingestFeed, type IngestDependencies, type IngestOutcome } from '../src/ingest/ingest-feed';
import type { JobPayloads } from '../src/queue/queues';

/**
 * Retries (attempts, exponential backoff with jitter) are the ingest queue's default job options, from
 * INGEST_ATTEMPTS and INGEST_BACKOFF_MS. A failure no retry can mend ends the job at once.
 */
export function createIngestProcessor(deps: IngestDependencies) {
  return async (job: Job<JobPayloads['ingest']>): Promise<IngestOutcome> => {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      return await ingestFeed(deps, { feedId: job.data.feedId, jobId: job.id!, finalAttempt });
    } catch (error) {
      if (isPermanentFailure(error)) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
  };
}
