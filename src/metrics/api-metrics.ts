import type { Registry } from 'prom-client';
import type { Database } from '../data/database';
import type { Logger } from '../logger';
import type { Queues } from '../queue/queues';
import { registerFeedMetrics } from './feed-metrics';
import { createMetricsRegistry } from './registry';
import { registerQueueMetrics } from './queue-metrics';

/** The API's registry: process metrics, plus queue and feed gauges read at scrape time (HTTP timings join later). */
export function createApiMetrics(deps: { db: Database; queues?: Queues; logger: Logger }): Registry {
  const registry = createMetricsRegistry('api');
  const logger = deps.logger.child({ module: 'metrics' });
  if (deps.queues) registerQueueMetrics(registry, deps.queues, logger);
  registerFeedMetrics(registry, deps.db, logger);
  return registry;
}
