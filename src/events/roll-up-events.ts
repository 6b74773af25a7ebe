import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Database } from '../data/database';
import type { RolledCount } from '../data/event-rollup.repository';
import type { Logger } from '../logger';
import type { EventMetrics } from '../metrics/event-metrics';
import type { RedisClient } from '../queue/redis';
import { batchMinuteOf, eventKeys, parseCounterField, type CounterKey } from './event-keys';

/**
 * A minute's batch is taken this long after the minute ended, when the writes under way have landed. (One that
 * lands later starts a new batch of that minute, which the next run takes: nothing is lost either way.)
 */
export const BATCH_GRACE_MS = 5_000;
/** Batches per run; more wait for the next minute's run. */
const MAX_BATCHES_PER_RUN = 60;

export interface RollUpDependencies {
  db: Pick<Database, 'eventRollup'>;
  redis: RedisClient;
  prefix: string;
  metrics: EventMetrics;
  logger: Logger;
}

export interface RollUpOutcome {
  batches: number;
  /** Counters (placement, posting, ranking, kind) added to MongoDB. */
  counters: number;
  /** Events dropped because their posting or placement no longer exists (rejected as `unknown`). */
  unknown: number;
}

/**
 * Takes a minute's batch away from the intake: renamed to a sealed batch under an id of its own, in one step, so
 * an event is either in the sealed batch or in a new batch of the same minute. The sealed id is what MongoDB records.
 * KEYS: batches, batch, sealed batch, sealed batches. ARGV: minute id, sealed id, score.
 */
const SEAL = `
if redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('RENAME', KEYS[2], KEYS[3])
  redis.call('ZADD', KEYS[4], ARGV[3], ARGV[2])
end
redis.call('ZREM', KEYS[1], ARGV[1])
return 1`;

/**
 * Moves every closed minute batch of event counters from Redis into `event_counts`, oldest first. A batch leaves
 * Redis only after MongoDB acknowledged all of it; one that was half applied when the process died is applied again,
 * and the documents that already have it add nothing (see applyBatch). Only one run at a time is expected (one job
 * scheduler); on MongoDB a second concurrent run could still not count a batch twice into a document.
 */
export async function rollUpEvents(deps: RollUpDependencies, now = new Date()): Promise<RollUpOutcome> {
  const keys = eventKeys(deps.prefix);
  const closedBefore = batchMinuteOf(new Date(now.getTime() - BATCH_GRACE_MS));
  const closed = await deps.redis.zrangebyscore(
    keys.batches,
    '-inf',
    `(${closedBefore}`,
    'WITHSCORES',
    'LIMIT',
    0,
    MAX_BATCHES_PER_RUN,
  );
  for (let i = 0; i < closed.length; i += 2) {
    const [minuteId, score] = [closed[i]!, closed[i + 1]!];
    const sealedId = `${minuteId}.${randomBytes(4).toString('hex')}`;
    await deps.redis.eval(
      SEAL,
      4,
      keys.batches,
      keys.batch(minuteId),
      keys.sealed(sealedId),
      keys.sealedBatches,
      minuteId,
      sealedId,
      score,
    );
  }
  // Sealed batches include those a killed run left behind: they are applied again under the same id.
  const sealedIds = await deps.redis.zrange(keys.sealedBatches, 0, MAX_BATCHES_PER_RUN - 1);
  const outcome: RollUpOutcome = { batches: 0, counters: 0, unknown: 0 };
  for (const batchId of sealedIds) {
    const fields = await deps.redis.hgetall(keys.sealed(batchId));
    const { counts, unknown } = await resolve(deps.db, fields, deps.metrics);
    await deps.db.eventRollup.applyBatch(batchId, batchId.slice(0, 10), counts);
    const results = await deps.redis
      .multi()
      .del(keys.sealed(batchId))
      .zrem(keys.sealedBatches, batchId)
      .exec();
    const failed = results?.find(([error]) => error)?.[0];
    if (!results || failed) throw failed ?? new Error(`batch ${batchId} was rolled up but not removed`);
    outcome.batches += 1;
    outcome.counters += Object.keys(fields).length - unknown.counters;
    outcome.unknown += unknown.events;
    deps.logger.info(
      { batchId, counters: Object.keys(fields).length, unknown: unknown.events },
      'events rolled up',
    );
  }
  return outcome;
}

/** The batch's counters as documents' shares, with their feed and publisher; those of vanished postings dropped. */
async function resolve(db: RollUpDependencies['db'], fields: Record<string, string>, metrics: EventMetrics) {
  const counters = Object.entries(fields).map(([field, value]) => ({
    ...parseCounterField(field),
    count: Number(value),
  }));
  const ids = (pick: (counter: CounterKey) => string | null) =>
    [...new Set(counters.map(pick).filter((id): id is string => id !== null))].map(
      (id) => new Types.ObjectId(id),
    );
  const [feeds, publishers] = await Promise.all([
    db.eventRollup.feedsOf(ids((c) => c.postingId)),
    db.eventRollup.publishersOf(ids((c) => c.placementId)),
  ]);
  const documents = new Map<string, RolledCount>();
  const unknown = { counters: 0, events: 0 };
  for (const counter of counters) {
    const feedId = feeds.get(counter.postingId);
    const publisherId = counter.placementId === null ? null : publishers.get(counter.placementId);
    if (!feedId || publisherId === undefined) {
      unknown.counters += 1;
      unknown.events += counter.count;
      metrics.rejected(counter.kind, 'unknown', counter.count);
      continue;
    }
    const key = `${counter.placementId}|${counter.postingId}|${counter.ranking}`;
    const document = documents.get(key) ?? {
      placementId: counter.placementId === null ? null : new Types.ObjectId(counter.placementId),
      publisherId,
      postingId: new Types.ObjectId(counter.postingId),
      feedId,
      ranking: counter.ranking,
      impressions: 0,
      clicks: 0,
    };
    if (counter.kind === 'impression') document.impressions += counter.count;
    else document.clicks += counter.count;
    documents.set(key, document);
  }
  return { counts: [...documents.values()], unknown };
}
