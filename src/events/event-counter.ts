import type { EventKind, Ranking, RejectionReason } from '../domain/events';
import type { RedisClient } from '../queue/redis';
import { batchIdOf, batchMinuteOf, counterField, eventKeys } from './event-keys';
import { endOfUtcDaySeconds, utcDay } from './utc-day';

/**
 * For one visitor, in one step on the visitor's keys: adds the events to the visitor's count of the minute, then
 * for each event within the burst limit adds it to the visitor's set of the day. Answers per event 0 (new),
 * 1 (already counted today) or 2 (past the burst limit).
 * KEYS: seen set, burst counter. ARGV: burst limit, seen set's expiry (Unix seconds), the events' members.
 */
const VISIT = `
local n = #ARGV - 2
local total = redis.call('INCRBY', KEYS[2], n)
if total == n then redis.call('PEXPIRE', KEYS[2], 120000) end
local allowed = tonumber(ARGV[1]) - (total - n)
local result = {}
for i = 1, n do
  if i > allowed then result[i] = 2
  elseif redis.call('SADD', KEYS[1], ARGV[i + 2]) == 1 then result[i] = 0
  else result[i] = 1 end
end
redis.call('EXPIREAT', KEYS[1], ARGV[2])
return result`;

const OUTCOMES: (RejectionReason | null)[] = [null, 'duplicate', 'burst'];

export interface VisitorEvent {
  kind: EventKind;
  placementId: string | null;
  postingId: string;
  ranking: Ranking;
}

export interface EventCounter {
  /**
   * Counts one visitor's events that passed the request's checks: each is counted (null) or rejected as a
   * `duplicate` of today's or a `burst`. Counted events go into the minute batch the roll-up moves to MongoDB.
   */
  count(visitor: string, events: VisitorEvent[], at: Date): Promise<(RejectionReason | null)[]>;
}

export function createEventCounter(
  redis: RedisClient,
  options: { prefix: string; burstLimit: number },
): EventCounter {
  const keys = eventKeys(options.prefix);
  return {
    async count(visitor, events, at) {
      if (events.length === 0) return [];
      const members = events.map((e) => `${e.kind}|${e.placementId ?? '-'}|${e.postingId}`);
      const codes = (await redis.eval(
        VISIT,
        2,
        keys.seen(visitor, utcDay(at)),
        keys.burst(visitor, batchMinuteOf(at)),
        options.burstLimit,
        endOfUtcDaySeconds(at),
        ...members,
      )) as number[];
      const outcomes = codes.map((code) => OUTCOMES[code]!);
      const counted = events.filter((_, i) => outcomes[i] === null);
      if (counted.length) {
        const batchId = batchIdOf(at);
        const batch = keys.batch(batchId);
        const write = redis.multi().zadd(keys.batches, batchMinuteOf(at), batchId);
        for (const event of counted) write.hincrby(batch, counterField(event), 1);
        const results = await write.exec();
        const failed = results?.find(([error]) => error)?.[0];
        if (!results || failed) throw failed ?? new Error('the event batch write was discarded');
      }
      return outcomes;
    },
  };
}
