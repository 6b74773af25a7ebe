import type { EventKind, Ranking } from '../domain/events';

/** One counter of a minute batch: what was counted where. placementId is null for lists without a placement. */
export interface CounterKey {
  placementId: string | null;
  postingId: string;
  ranking: Ranking;
  kind: EventKind;
}

/**
 * A minute batch: `2026-12-02T10:15`, the UTC minute its events were counted in. The roll-up seals it under an id
 * of its own (`2026-12-02T10:15.9f3a0c1e`): the id MongoDB records, whose first 10 characters are the day.
 */
export function batchIdOf(at: Date): string {
  return at.toISOString().slice(0, 16);
}

/** The batch's minute since the epoch: its score in the batch index, which orders and closes batches. */
export function batchMinuteOf(at: Date): number {
  return Math.floor(at.getTime() / 60_000);
}

export function counterField(key: CounterKey): string {
  return `${key.placementId ?? '-'}|${key.postingId}|${key.ranking}|${key.kind}`;
}

export function parseCounterField(field: string): CounterKey {
  const [placement, postingId, ranking, kind] = field.split('|') as [string, string, Ranking, EventKind];
  return { placementId: placement === '-' ? null : placement, postingId, ranking, kind };
}

/**
 * The Redis keys of the event counters. The minute batches and their index carry QUEUE_PREFIX (and so its hash
 * tag on a Cluster: one MULTI writes both). A visitor's own keys carry the visitor as their hash tag, so on a
 * Cluster visitors spread over every slot; their name is the prefix without its braces.
 */
export function eventKeys(prefix: string) {
  const bare = prefix.replace(/[{}]/g, '');
  return {
    /** Hash: counter field -> count, for one minute, while events are added. */
    batch: (batchId: string) => `${prefix}:events:batch:${batchId}`,
    /** Sorted set: the minutes with a batch that takes events, scored by their minute. */
    batches: `${prefix}:events:batches`,
    /** Hash: a batch the roll-up took (renamed from `batch`); no event is added to it any more. */
    sealed: (sealedId: string) => `${prefix}:events:sealed:${sealedId}`,
    /** Sorted set: the sealed batches not yet in MongoDB, scored by their minute. */
    sealedBatches: `${prefix}:events:sealed-batches`,
    /** Set: what the visitor already had counted that day (`kind|placement|posting`); expires with the day. */
    seen: (visitor: string, day: string) => `${bare}:events:{${visitor}}:seen:${day}`,
    /** The visitor's events in one minute, for the burst rule. */
    burst: (visitor: string, minute: number) => `${bare}:events:{${visitor}}:burst:${minute}`,
  };
}
