import { Counter, type Registry } from 'prom-client';
import { EVENT_KINDS, REJECTION_REASONS, type EventKind, type RejectionReason } from '../domain/events';

export interface EventMetrics {
  counted(kind: EventKind, count?: number): void;
  rejected(kind: EventKind, reason: RejectionReason, count?: number): void;
}

const byRegistry = new WeakMap<Registry, EventMetrics>();

/**
 * Impressions and clicks counted, and those rejected by reason: the API counts at intake, the worker adds the
 * `unknown` postings its roll-up drops. One pair of counters per registry, every label pair present from the start.
 */
export function eventMetrics(registry: Registry): EventMetrics {
  const existing = byRegistry.get(registry);
  if (existing) return existing;
  const counted = new Counter({
    name: 'jobfeed_events_counted_total',
    help: 'Impressions and clicks accepted at intake (once per visitor, placement, posting and day); the roll-up may still drop some as unknown',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'jobfeed_events_rejected_total',
    help: 'Impressions and clicks not counted, by reason',
    labelNames: ['kind', 'reason'] as const,
    registers: [registry],
  });
  for (const kind of EVENT_KINDS) {
    counted.inc({ kind }, 0);
    for (const reason of REJECTION_REASONS) rejected.inc({ kind, reason }, 0);
  }
  const metrics: EventMetrics = {
    counted: (kind, count = 1) => counted.inc({ kind }, count),
    rejected: (kind, reason, count = 1) => rejected.inc({ kind, reason }, count),
  };
  byRegistry.set(registry, metrics);
  return metrics;
}
