import { Gauge, type Registry } from 'prom-client';
import type { Logger } from '../logger';
import { QUEUE_NAMES, type Queues } from '../queue/queues';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
/** A queue waits for its connection to be ready; a scrape while Redis is away must not wait with it. */
const COLLECT_TIMEOUT_MS = 2_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Jobs per queue and state, read from Redis when Prometheus scrapes (nothing is polled in between). */
export function registerQueueMetrics(registry: Registry, queues: Queues, logger: Logger): void {
  new Gauge({
    name: 'jobfeed_queue_jobs',
    help: 'Jobs per queue and state at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    // Every API process reads the same queues: summed over API_PROCESSES they would count each job N times.
    aggregator: 'max',
    async collect() {
      this.reset();
      try {
        for (const name of QUEUE_NAMES) {
          const counts = await within(queues[name].getJobCounts(...STATES), COLLECT_TIMEOUT_MS);
          for (const state of STATES) this.set({ queue: name, state }, counts[state] ?? 0);
        }
      } catch (error) {
        logger.warn({ err: error }, 'queue metrics unavailable: Redis did not answer');
      }
    },
  });
}
