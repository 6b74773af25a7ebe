import type { Database } from '../src/data/database';
import type { Logger } from '../src/logger';
import { scheduleDueFeeds } from '../src/queue/schedule-due-feeds';
import type { Queues } from '../src/queue/queues';

export function createSchedulerProcessor(deps: {
  db: Database;
  queues: Pick<Queues, 'ingest'>;
  logger: Logger;
}) {
  return async (): Promise<{ due: number; expired: number; repaired: number }> => {
    const due = await scheduleDueFeeds(deps.db, deps.queues);
    if (due) deps.logger.info({ due }, 'due feeds queued');
    const expired = await deps.db.postings.expirePastValidThrough(new Date());
    if (expired) deps.logger.info({ expired }, 'postings past validThrough expired');
    const repaired = await deps.db.postings.repairListings();
    if (repaired) deps.logger.info({ repaired }, 'listed flags of jobs listed twice repaired');
    return { due, expired, repaired };
  };
}
