import { Command } from 'commander';
import type { Config } from '../../config';
import type { Redis } from 'ioredis';
import { registerFeedsCommand } from '../../src/cli/feeds.command';
import { connectDatabase, type Database } from '../../src/data/database';
import { createQueues, type Queues } from '../../src/queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { createRedis } from '../../src/queue/redis';
import { testConfig, uniqueName } from '../helpers/test-config';

describe('jobfeed feeds', () => {
  let db: Database;
  let redis: Redis;
  let queues: Queues;
  const queuePrefix = uniqueName('feedscli');
  let config: Config;

  beforeAll(async () => {
    const url = new URL(process.env.MONGO_URL!);
    url.pathname = `/${uniqueName('cli_feeds')}`;
    db = await connectDatabase(url.href);
    config = testConfig({ MONGO_URL: url.href, QUEUE_PREFIX: queuePrefix });
    redis = createRedis(process.env.REDIS_URL!, 'worker');
    queues = createQueues(redis, queuePrefix, ingestJobOptions(testConfig().worker));
  });
  afterAll(async () => {
    await queues.ingest.obliterate({ force: true });
    await queues.close();
    await redis.quit();
    await db.connection.dropDatabase();
    await db.close();
  });

  /** The commands in this process; resolves to what they printed as JSON, or rejects with their error. */
  async function jobfeed(...args: string[]): Promise<unknown> {
    const program = new Command('jobfeed').exitOverride();
    registerFeedsCommand(program, { loadConfig: () => config });
    let printed = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed += String(chunk);
      return true;
    });
    try {
      await program.parseAsync(['node', 'jobfeed', 'feeds', ...args]);
    } finally {
      write.mockRestore();
    }
    return JSON.parse(printed);
  }

  test('`feeds add` prints the feed as the API presents it and queues its first poll', async () => {
    const feed = (await jobfeed(
      'add',
      '--url',
      'https://partner.example/a.xml',
      '--name',
      'Partner A',
    )) as Record<string, unknown>;
    expect(feed).toMatchObject({ name: 'Partner A', url: 'https://partner.example/a.xml', status: 'active' });
    expect(feed.id).toMatch(/^[0-9a-f]{24}$/);
    for (const internal of ['_id', '__v', 'recruiterId', 'etag', 'lastFullFetchAt'])
      expect(feed).not.toHaveProperty(internal);
    const waiting = await queues.ingest.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(waiting.map((job) => job.data)).toContainEqual({ feedId: feed.id });
  });

  test('the same URL twice is refused, as the API refuses it', async () => {
    await jobfeed('add', '--url', 'https://partner.example/b.xml', '--name', 'Partner B');
    await expect(jobfeed('add', '--url', 'https://partner.example/b.xml', '--name', 'Again')).rejects.toThrow(
      'The feed https://partner.example/b.xml has already been added',
    );
  });

  test('bad options are refused naming the field', async () => {
    await expect(jobfeed('add', '--url', 'ftp://x.example/', '--name', 'X')).rejects.toThrow(
      'url must be an http or https URL',
    );
    await expect(
      jobfeed('add', '--url', 'https://partner.example/c.xml', '--name', 'X', '--interval', '2'),
    ).rejects.toThrow('intervalMinutes must be a whole number of minutes from 5 to 1440');
  });

  test('pause, resume, list and delete act on the same feed through one set of use-cases', async () => {
    const { id } = (await jobfeed('add', '--url', 'https://partner.example/d.xml', '--name', 'D')) as {
      id: string;
    };
    expect(await jobfeed('pause', id)).toMatchObject({ id, status: 'paused', nextRunAt: null });
    expect(await jobfeed('list', '--status', 'paused')).toEqual([expect.objectContaining({ id })]);
    await expect(jobfeed('run', id)).rejects.toThrow('The feed is paused');
    expect(await jobfeed('resume', id)).toMatchObject({ id, status: 'active' });
    expect(await jobfeed('delete', id)).toEqual({ id, deleted: true });
    expect(await db.feeds.findById(id)).toBeNull();
    await expect(jobfeed('pause', id)).rejects.toThrow('Feed not found');
  });
});
