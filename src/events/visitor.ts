import { createHash, randomBytes } from 'node:crypto';
import type { RedisClient } from '../queue/redis';
import { endOfUtcDaySeconds, utcDay } from './utc-day';

/**
 * Who a visitor is, for counting only: a hash of the day's random salt, the client address and the user agent.
 * The salt lives in Redis for its UTC day only (every API process shares it, SET NX picks one) and in memory for the
 * same day, so the hash cannot be recomputed, or tied to another day's, once the day is over. No address is stored.
 */
export interface VisitorHasher {
  visitorOf(address: string, userAgent: string, at: Date): Promise<string>;
}

export function createVisitorHasher(redis: RedisClient, prefix: string): VisitorHasher {
  let cached: { day: string; salt: Promise<string> } | undefined;

  async function saltOf(day: string, at: Date): Promise<string> {
    const key = `${prefix}:events:salt:${day}`;
    const proposed = randomBytes(32).toString('base64');
    await redis.set(key, proposed, 'EXAT', endOfUtcDaySeconds(at), 'NX');
    const salt = await redis.get(key);
    if (!salt) throw new Error(`the visitor salt ${key} vanished right after it was set`);
    return salt;
  }

  return {
    async visitorOf(address, userAgent, at) {
      const day = utcDay(at);
      if (cached?.day !== day) {
        const salt = saltOf(day, at);
        cached = { day, salt };
        // A failed read is not kept: the next event asks Redis again.
        salt.catch(() => {
          if (cached?.salt === salt) cached = undefined;
        });
      }
      const salt = await cached.salt;
      return createHash('sha256')
        .update(`${salt}\n${address}\n${userAgent}`)
        .digest('base64url')
        .slice(0, 22);
    },
  };
}
