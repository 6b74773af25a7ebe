import type { Queues } from './queues';

export const EVENT_ROLLUP_TICK_MS = 60_000;
export const EVENT_ROLLUP_SCHEDULER_ID = 'event-rollup';

/** The one job scheduler behind the minute roll-up of event counters; upserting it from every worker is safe. */
export async function ensureEventRollupTick(queues: Pick<Queues, 'rollup'>): Promise<void> {
  await queues.rollup.upsertJobScheduler(
    EVENT_ROLLUP_SCHEDULER_ID,
    { every: EVENT_ROLLUP_TICK_MS },
    { name: 'roll-up', data: {} },
  );
}
