import type { Database } from '../data/database';
import { enqueueIngest, ingestJobId, type Queues } from './queues';

const MAX_FEEDS_PER_TICK = 1000;
export const SCHEDULER_TICK_MS = 60_000;
export const SCHEDULER_ID = 'due-feeds';

/**
 * Queues an ingest job for every feed whose nextRunAt has come, then moves nextRunAt on; returns how many were due.
 * Safe to run from any number of workers at once: the job id is derived from the due time, so racing schedulers
 * queue the same job, which BullMQ keeps once. (The conditional advance is a second guard on MongoDB; FerretDB 1.24
 * does not make it atomic, which the job id covers.)
 */
export async function scheduleDueFeeds(
  db: Database,
  queues: Pick<Queues, 'ingest'>,
  now = new Date(),
): Promise<number> {
  const due = await db.feeds.findDue(now, MAX_FEEDS_PER_TICK);
  for (const feed of due) {
    await enqueueIngest(queues, String(feed._id), ingestJobId.scheduled(String(feed._id), feed.nextRunAt));
    await db.feeds.advanceSchedule(
      feed._id,
      feed.nextRunAt,
      new Date(now.getTime() + feed.intervalMinutes * 60_000),
    );
  }
  return due.length;
}

/** The one constant job scheduler behind every feed's polls; upserting it from every worker at start is safe. */
export async function ensureSchedulerTick(queues: Pick<Queues, 'scheduler'>): Promise<void> {
  await queues.scheduler.upsertJobScheduler(
    SCHEDULER_ID,
    { every: SCHEDULER_TICK_MS },
    { name: 'tick', data: {} },
  );
}
