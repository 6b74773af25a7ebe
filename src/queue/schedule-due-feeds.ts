import type { Database } from '../data/database';
import { enqueueIngest, ingestJobId, type Queues } from './queues';

const MAX_FEEDS_PER_TICK = 1000;
export const SCHEDULER_TICK_MS = 60_000;

/**
 * Queues an ingest job for every feed whose nextRunAt has come, then moves nextRunAt on. Safe to run from any number
 * of workers at once: the job id is derived from the due time, and only one of them advances the schedule.
 */
export async function scheduleDueFeeds(db: Database, queues: Pick<Queues, 'ingest'>, now = new Date()): Promise<number> {
  const due = await db.feeds.findDue(now, MAX_FEEDS_PER_TICK);
  let queued = 0;
  for (const feed of due) {
    await enqueueIngest(queues, String(feed._id), ingestJobId.scheduled(String(feed._id), feed.nextRunAt));
    const nextRunAt = new Date(now.getTime() + feed.intervalMinutes * 60_000);
    if (await db.feeds.advanceSchedule(feed._id, feed.nextRunAt, nextRunAt)) queued++;
  }
  return queued;
}

/** The one constant job scheduler behind every feed's polls; upserting it from every worker at start is safe. */
export async function ensureSchedulerTick(queues: Pick<Queues, 'scheduler'>): Promise<void> {
  await queues.scheduler.upsertJobScheduler('due-feeds', { every: SCHEDULER_TICK_MS }, { name: 'tick', data: {} });
}
