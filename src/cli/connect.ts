import type { Config } from '../../config';
import { connectDatabase, type Database } from '../data/database';
import { createQueues, type Queues } from '../queue/queues';
import { createRedis } from '../queue/redis';

/** Opens MongoDB and the queues for one CLI command and closes them after it, whatever happens. */
export async function withServices<T>(
  config: Config,
  work: (services: { db: Database; queues: Queues }) => Promise<T>,
): Promise<T> {
  const db = await connectDatabase(config.mongoUrl);
  const redis = createRedis(config.redisUrl, 'producer');
  const queues = createQueues(redis, config.queuePrefix, config.worker);
  try {
    return await work({ db, queues });
  } finally {
    await queues.close();
    redis.disconnect();
    await db.close();
  }
}
