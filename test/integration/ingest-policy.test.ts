import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { FetchError } from '../../src/errors';
import { createQueues, type Queues } from '../../src/queue/queues';
import { createRedis } from '../../src/queue/redis';
import {
  asJobFailure,
  failedForGood,
  ingestBackoff,
  ingestJobOptions,
  isLastAttempt,
} from '../../workers/ingest.policy';
import { testConfig } from '../helpers/test-config';

/** The policy against a real BullMQ queue and worker: the last-attempt rule and BullMQ's retries agree. */
describe('the ingest retry policy on a real queue', () => {
  const config = testConfig();
  let redis: Redis;
  let workerConnection: Redis;
  let queues: Queues;
  let worker: Worker | undefined;

  beforeAll(async () => {
    redis = createRedis(config.redisUrl, 'worker');
    workerConnection = redis.duplicate();
    queues = createQueues(redis, config.queuePrefix, ingestJobOptions({ attempts: 3, backoffMs: 10 }));
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });
  afterAll(async () => {
    await queues.ingest.obliterate({ force: true });
    await queues.close();
    workerConnection.disconnect();
    await redis.quit();
  });

  /** Runs one job to its end; resolves with what the processor and the 'failed' event saw on each try. */
  function runToEnd(fail: (attempt: number) => Error) {
    const lastSeenByProcessor: boolean[] = [];
    const finalSeenByEvent: boolean[] = [];
    const ended = new Promise<Job>((resolve) => {
      worker = new Worker(
        'ingest',
        async (job: Job) => {
          lastSeenByProcessor.push(isLastAttempt(job));
          throw asJobFailure(fail(lastSeenByProcessor.length));
        },
        {
          connection: workerConnection,
          prefix: config.queuePrefix,
          settings: { backoffStrategy: ingestBackoff },
        },
      );
      worker.on('failed', (job, error) => {
        const final = failedForGood(job, error);
        finalSeenByEvent.push(final);
        if (final) resolve(job!);
      });
    });
    return { lastSeenByProcessor, finalSeenByEvent, ended };
  }

  test('a transient failure is tried INGEST_ATTEMPTS times; the processor and the event agree which try is last', async () => {
    const run = runToEnd(() => new FetchError('503 Service Unavailable', false, '5xx'));
    await queues.ingest.add('ingest', { feedId: 'transient' });
    const job = await run.ended;

    expect(run.lastSeenByProcessor).toEqual([false, false, true]);
    expect(run.finalSeenByEvent).toEqual([false, false, true]);
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(3);
  });

  test('a permanent failure ends the job on its first try, kept among the failed jobs', async () => {
    const run = runToEnd(() => new FetchError('404 Not Found', true, '4xx'));
    const { id } = await queues.ingest.add('ingest', { feedId: 'gone' });
    const job = await run.ended;

    expect(run.lastSeenByProcessor).toEqual([false]);
    expect(run.finalSeenByEvent).toEqual([true]);
    expect(job.failedReason).toBe('404 Not Found');
    expect(await queues.ingest.getJobState(id!)).toBe('failed');
  });

  test('a retry waits at least the Retry-After the partner sent', async () => {
    const run = runToEnd((attempt) =>
      attempt === 1
        ? new FetchError('429 Too Many Requests', false, '4xx', 400)
        : new FetchError('404 Not Found', true, '4xx'),
    );
    await queues.ingest.add('ingest', { feedId: 'busy' });
    const job = await run.ended;

    expect(run.finalSeenByEvent).toEqual([false, true]);
    // processedOn is when the second try started; the first failed after the job was added (timestamp).
    expect(job.processedOn! - job.timestamp).toBeGreaterThanOrEqual(400);
  });
});
