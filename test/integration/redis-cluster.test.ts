import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import { findExecutable, freePort, startServer, type ServerProcess } from '../services/server-process';
import { uniqueName } from '../helpers/test-config';

/**
 * Redis Cluster refuses a script whose keys live in different hash slots (CROSSSLOT), even on one node. A BullMQ
 * prefix with a {hash tag} puts every key of every jobfeed queue in one slot.
 */
describe('BullMQ on Redis Cluster', () => {
  let dir: string;
  let server: ServerProcess;
  let port: number;
  let cluster: Cluster;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jobfeed-cluster-'));
    port = await freePort();
    server = await startServer({
      name: 'redis-server',
      command: findExecutable('redis-server')!,
      args: [
        ...['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
        ...['--cluster-enabled', 'yes', '--cluster-announce-ip', '127.0.0.1'],
        ...['--cluster-config-file', join(dir, 'nodes.conf'), '--dir', dir],
        ...['--maxmemory-policy', 'noeviction'],
      ],
      dataDir: dir,
      logFile: join(dir, 'redis.log'),
      detached: false,
      isReady: async () => {
        const client = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => null });
        client.on('error', () => undefined);
        try {
          await client.connect();
          return (await client.ping()) === 'PONG';
        } catch {
          return false;
        } finally {
          client.disconnect();
        }
      },
      startupTimeoutMs: 15_000,
    });
    const admin = new Redis(port, '127.0.0.1');
    await admin.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
    for (let i = 0; i < 100 && !/cluster_state:ok/.test(String(await admin.call('CLUSTER', 'INFO'))); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await admin.quit();
    cluster = new Cluster([{ host: '127.0.0.1', port }], { redisOptions: { maxRetriesPerRequest: null } });
  }, 30_000);

  afterAll(async () => {
    await cluster.quit();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('with a hash-tagged prefix a job is queued, processed and completed', async () => {
    const prefix = `{${uniqueName('jobfeed')}}`;
    const queue = new Queue('ingest', { connection: cluster, prefix });
    const [eventsConnection, workerConnection] = [cluster.duplicate(), cluster.duplicate()];
    const events = new QueueEvents('ingest', { connection: eventsConnection, prefix });
    await events.waitUntilReady();
    const worker = new Worker('ingest', async (job) => ({ feedId: job.data.feedId }), {
      connection: workerConnection,
      prefix,
    });
    try {
      const job = await queue.add('ingest', { feedId: 'f1' }, { jobId: 'feed-f1-due-1' });
      await expect(job.waitUntilFinished(events, 20_000)).resolves.toEqual({ feedId: 'f1' });
      const slots = new Set(
        await Promise.all(
          (await cluster.keys(`${prefix}:*`)).map((key) => cluster.call('CLUSTER', 'KEYSLOT', key)),
        ),
      );
      expect(slots.size).toBe(1);
    } finally {
      await worker.close();
      await events.close();
      await queue.close();
      eventsConnection.disconnect();
      workerConnection.disconnect();
    }
  }, 30_000);

  test('without a hash tag Redis Cluster refuses the queue with CROSSSLOT', async () => {
    const queue = new Queue('ingest', { connection: cluster, prefix: uniqueName('jobfeed') });
    try {
      await expect(queue.add('ingest', { feedId: 'f1' })).rejects.toThrow(/CROSSSLOT/);
    } finally {
      await queue.close();
    }
  });
});
