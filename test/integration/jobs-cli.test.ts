import { QueueEvents, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createQueues, type Queues } from '../../src/queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { createRedis } from '../../src/queue/redis';
import { runJobfeed } from '../helpers/cli-process';
import { testConfig } from '../helpers/test-config';

const jobfeed = (env: Record<string, string>, ...args: string[]) => runJobfeed(args, env);

describe('jobfeed jobs retry-failed', () => {
  const config = testConfig({ INGEST_ATTEMPTS: '1' });
  let redis: Redis;
  let queues: Queues;

  beforeAll(async () => {
    redis = createRedis(config.redisUrl, 'worker');
    queues = createQueues(redis, config.queuePrefix, ingestJobOptions(config.worker));
  });
  afterAll(async () => {
    await queues.ingest.obliterate({ force: true });
    await queues.close();
    await redis.quit();
  });

  test('moves every failed ingest job back to waiting and says how many', async () => {
    const [eventsConnection, workerConnection] = [redis.duplicate(), redis.duplicate()];
    const events = new QueueEvents('ingest', { connection: eventsConnection, prefix: config.queuePrefix });
    await events.waitUntilReady();
    const worker = new Worker(
      'ingest',
      async () => {
        throw new Error('partner down');
      },
      { connection: workerConnection, prefix: config.queuePrefix },
    );
    const jobs = await Promise.all(['a', 'b'].map((id) => queues.ingest.add('ingest', { feedId: id })));
    await Promise.all(
      jobs.map((job) => expect(job.waitUntilFinished(events)).rejects.toThrow('partner down')),
    );
    await worker.close();
    await events.close();
    eventsConnection.disconnect();
    workerConnection.disconnect();
    expect(await queues.ingest.getJobCounts('failed', 'waiting')).toEqual({ failed: 2, waiting: 0 });

    const { code, stdout, stderr } = await jobfeed(
      { REDIS_URL: config.redisUrl, QUEUE_PREFIX: config.queuePrefix },
      'jobs',
      'retry-failed',
    );

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ queue: 'ingest', retried: 2 });
    expect(await queues.ingest.getJobCounts('failed', 'waiting')).toEqual({ failed: 0, waiting: 2 });
  }, 60_000);

  test('an unknown queue is refused with the names it accepts', async () => {
    const { code, stderr } = await jobfeed({}, 'jobs', 'retry-failed', '--queue', 'emails');

    expect(code).toBe(1);
    expect(stderr).toBe('jobfeed: --queue must be one of ingest, scheduler, rollup (got "emails")\n');
  }, 60_000);
});
