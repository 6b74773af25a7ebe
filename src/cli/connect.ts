import type { Config } from '../../config';
import type { Redis } from 'ioredis';
import { connectDatabase, type Database } from '../data/database';
import { createQueues, type Queues } from '../queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { connectProducer } from '../queue/redis';

/** Opens MongoDB and the queues for one CLI command and closes them after it, whatever happens. */
export async function withServices<T>(
  config: Config,
  work: (services: { db: Database; queues: Queues; redis: Redis }) => Promise<T>,
): Promise<T> {
  const db = await connectDatabase(config.mongoUrl);
  const redis = await connectProducer(config.redisUrl).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  // A connection lost mid-command fails that command; ioredis would also print every reconnect attempt.
  redis.on('error', () => undefined);
  const queues = createQueues(redis, config.queuePrefix, ingestJobOptions(config.worker));
  try {
    return await work({ db, queues, redis });
  } finally {
    await queues.close();
    redis.disconnect();
    await db.close();
  }
}
