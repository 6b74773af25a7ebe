import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../data/database';
import { createFeedHealthRepository } from '../data/feed-health.repository';
import type { Logger } from '../logger';

/** Feeds per status (active, paused, failing), counted in MongoDB at scrape time. */
export function registerFeedMetrics(registry: Registry, db: Database, logger: Logger): void {
  const health = createFeedHealthRepository(db);
  new Gauge({
    name: 'jobfeed_feeds',
    help: 'Feeds per status at scrape time',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const [status, count] of Object.entries(await health.countByStatus()))
          this.set({ status }, count);
      } catch (error) {
        logger.warn({ err: error }, 'feed metrics unavailable: MongoDB did not answer');
      }
    },
  });
}
