import type { RedisClient } from './redis';
import type { Database } from '../data/database';
import type { Feed } from '../data/feed.schema';
import { enqueueIngest, ingestJobId, type Queues } from './queues';

export const MANUAL_RUN_INTERVAL_MS = 60_000;

export type ManualRunRequest = { queued: true; jobId: string } | { queued: false; retryAfterSeconds: number };

/**
 * A new feed's first poll, queued now rather than at the next scheduler tick. It takes the job id the scheduler
 * would give the same due time, so a tick racing this request queues the same job once.
 */
export async function queueFirstPoll(
  db: Database,
  queues: Pick<Queues, 'ingest'>,
  feed: Feed,
  now = new Date(),
): Promise<void> {
  const feedId = String(feed._id);
  await enqueueIngest(queues, feedId, ingestJobId.scheduled(feedId, feed.nextRunAt));
  await db.feeds.advanceSchedule(
    feed._id,
    feed.nextRunAt,
    new Date(now.getTime() + feed.intervalMinutes * 60_000),
  );
}

/**
 * "Poll now", at most once a minute per feed across every API process: a Redis key with a one-minute expiry claims
 * the slot (SET NX PX is atomic), and its remaining lifetime is the Retry-After of a refused request.
 */
export async function requestManualRun(
  redis: RedisClient,
  queues: Pick<Queues, 'ingest'>,
  keyPrefix: string,
  feedId: string,
  now = new Date(),
): Promise<ManualRunRequest> {
  const key = `${keyPrefix}:manual-run:${feedId}`;
  const claimed = await redis.set(key, String(now.getTime()), 'PX', MANUAL_RUN_INTERVAL_MS, 'NX');
  if (claimed !== 'OK') {
    const remainingMs = await redis.pttl(key);
    return { queued: false, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
  }
  const jobId = await enqueueIngest(queues, feedId, ingestJobId.manual(feedId, now));
  return { queued: true, jobId };
}
