import type { Redis } from 'ioredis';
import type { Types } from 'mongoose';
import { createMetricsRegistry } from '../../src/metrics/registry';
import type { Database } from '../../src/data/database';
import type { EventCount } from '../../src/data/event-count.schema';
import { rollUpEvents, type RollUpOutcome } from '../../src/events/roll-up-events';
import { createLogger } from '../../src/logger';
import { eventMetrics } from '../../src/metrics/event-metrics';
import { testConfig } from './test-config';

export const PERSON =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

/** A registry of the worker's kind, to read what a roll-up counted as rejected. */
export const rollupRegistry = () => createMetricsRegistry('worker');

/** The roll-up as the worker runs it, at `now` (a time past the current minute takes the open batch too). */
export function rollUp(
  deps: { db: Database; redis: Redis; prefix: string; registry?: ReturnType<typeof rollupRegistry> },
  now = new Date(Date.now() + 2 * 60_000),
): Promise<RollUpOutcome> {
  return rollUpEvents(
    {
      db: deps.db,
      redis: deps.redis,
      prefix: deps.prefix,
      metrics: eventMetrics(deps.registry ?? rollupRegistry()),
      logger: createLogger(testConfig()),
    },
    now,
  );
}

/** Every event_counts document, without its _id. */
export async function eventCounts(db: Database, filter: Record<string, unknown> = {}) {
  return (await db.connection
    .collection('event_counts')
    .find(filter, { projection: { _id: 0 } })
    .toArray()) as unknown as Omit<EventCount, '_id'>[];
}

/** A beacon body as the widget sends it. */
export const beacon = (
  placement: string | null,
  postings: (string | Types.ObjectId)[],
  ranking = 'recency',
  host?: string,
) =>
  JSON.stringify({
    placement,
    host,
    impressions: postings.map((posting) => ({ posting: String(posting), ranking })),
  });
