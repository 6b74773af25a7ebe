import { Counter, Histogram, type Registry } from 'prom-client';
import { FetchError, type FetchOutcome } from '../errors';
import type { FetchResult, Validators } from '../ingest/fetch/fetch-feed';
import { createMetricsRegistry } from './registry';

const FETCH_OUTCOMES: FetchOutcome[] = [
  'ok',
  'not_modified',
  '4xx',
  '5xx',
  'timeout',
  'refused',
  'network',
  'too_large',
  'too_many_redirects',
  'bad_response',
];
const POSTING_RESULTS = ['inserted', 'updated', 'unchanged', 'expired', 'rejected'];

type FetchFn = (url: string, validators: Validators) => Promise<FetchResult>;

export interface WorkerMetrics {
  registry: Registry;
  /** Times each job of `queue`, labelled completed or failed. */
  timeJob<A extends unknown[], R>(
    queue: string,
    processor: (...args: A) => Promise<R>,
  ): (...args: A) => Promise<R>;
  /** Counts each fetch by the class of its answer. */
  countFetch(fetch: FetchFn): FetchFn;
  /** Adds a job result's posting counts (`counts.inserted` … `counts.rejected`, and `expired`). */
  countPostings<A extends unknown[], R>(processor: (...args: A) => Promise<R>): (...args: A) => Promise<R>;
}

/**
 * Counters that only the worker process sees. They live in its memory and are served by its own metrics listener
 * (WORKER_METRICS_PORT): Prometheus scrapes each worker, and rate() copes with restarts.
 */
export function createWorkerMetrics(registry: Registry = createMetricsRegistry('worker')): WorkerMetrics {
  const jobDuration = new Histogram({
    name: 'jobfeed_job_duration_seconds',
    help: 'Queue job durations by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [registry],
  });
  const fetches = new Counter({
    name: 'jobfeed_fetch_outcomes_total',
    help: 'Feed fetches by outcome class',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const postings = new Counter({
    name: 'jobfeed_postings_total',
    help: 'Postings written by ingests, by result',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  for (const outcome of FETCH_OUTCOMES) fetches.inc({ outcome }, 0);
  for (const result of POSTING_RESULTS) postings.inc({ result }, 0);

  return {
    registry,
    timeJob:
      (queue, processor) =>
      async (...args) => {
        const stop = jobDuration.startTimer({ queue });
        try {
          const result = await processor(...args);
          stop({ outcome: 'completed' });
          return result;
        } catch (error) {
          stop({ outcome: 'failed' });
          throw error;
        }
      },
    countFetch: (fetch) => async (url, validators) => {
      try {
        const result = await fetch(url, validators);
        fetches.inc({ outcome: result.kind === 'ok' ? 'ok' : 'not_modified' });
        return result;
      } catch (error) {
        fetches.inc({ outcome: error instanceof FetchError ? error.outcome : 'network' });
        throw error;
      }
    },
    countPostings:
      (processor) =>
      async (...args) => {
        const result = await processor(...args);
        const outcome = result as { counts?: Record<string, number>; expired?: number } | undefined;
        const counts: Record<string, number | undefined> = { ...outcome?.counts, expired: outcome?.expired };
        for (const name of POSTING_RESULTS) {
          const value = counts[name];
          if (typeof value === 'number' && value > 0) postings.inc({ result: name }, value);
        }
        return result;
      },
  };
}
