import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../data/database';
import type { Logger } from '../logger';

/** Feeds per status (active, paused, failing), counted in MongoDB at scrape time. */
export function registerFeedMetrics(registry: Registry, db: Database, logger: Logger): void {
  new Gauge({
    name: 'jobfeed_feeds',
    help: 'Feeds per status at scrape time',
    labelNames: ['status'] as const,
    registers: [registry],
    // Every API process counts the same feeds: summed over API_PROCESSES they would count each feed N times.
    aggregator: 'max',
    async collect() {
      this.reset();
      try {
        for (const [status, count] of Object.entries(await db.feeds.countByStatus()))
          this.set({ status }, count);
      } catch (error) {
        logger.warn({ err: error }, 'feed metrics unavailable: MongoDB did not answer');
      }
    },
  });
}
