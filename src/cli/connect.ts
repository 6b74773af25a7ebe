import type { Config } from '../../config';
import { connectDatabase, MONGO_CONNECT_TIMEOUT_MS, type Database } from '../data/database';
import { createQueues, type Queues } from '../queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { connectProducer, type RedisClient } from '../queue/redis';

/** MongoDB for a command that only needs the database: it never connects to Redis. */
export async function withDatabase<T>(config: Config, work: (db: Database) => Promise<T>): Promise<T> {
  // A command waits as long for each operation as for the connection: no 10 s hang on an unreachable server.
  const db = await connectDatabase(config.mongoUrl, { serverSelectionTimeoutMS: MONGO_CONNECT_TIMEOUT_MS });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** Redis and the queues for a command that only needs them; an unreachable Redis fails at once, naming its variable. */
export async function withQueues<T>(
  config: Config,
  work: (services: { queues: Queues; redis: RedisClient }) => Promise<T>,
): Promise<T> {
  const redis = await connectProducer(config);
  // A connection lost mid-command fails that command; ioredis would also print every reconnect attempt.
  redis.on('error', () => undefined);
  const queues = createQueues(redis, config.queuePrefix, ingestJobOptions(config.worker));
  try {
    return await work({ queues, redis });
  } finally {
    await queues.close();
    redis.disconnect();
  }
}

/** MongoDB and the queues for one command, closed after it whatever happens. */
export function withServices<T>(
  config: Config,
  work: (services: { db: Database; queues: Queues; redis: RedisClient }) => Promise<T>,
): Promise<T> {
  return withQueues(config, ({ queues, redis }) => withDatabase(config, (db) => work({ db, queues, redis })));
}
