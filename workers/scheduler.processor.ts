import type { Database } from '../src/data/database';
import type { Logger } from '../src/logger';
import { scheduleDueFeeds } from '../src/queue/schedule-due-feeds';
import type { Queues } from '../src/queue/queues';

export function createSchedulerProcessor(deps: { db: Database; queues: Pick<Queues, 'ingest'>; logger: Logger }) {
  return async (): Promise<{ queued: number }> => {
    const queued = await scheduleDueFeeds(deps.db, deps.queues);
    if (queued) deps.logger.info({ queued }, 'due feeds queued');
    return { queued };
  };
}
