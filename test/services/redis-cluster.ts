import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import type Redis from 'ioredis';
import { withRedis } from './redis';
import { findExecutable, freePort, startServer, type ServerProcess } from './server-process';

const run = promisify(execFile);

export interface RedisClusterServer {
  /** `host:port,…`, the value of REDIS_CLUSTER_NODES. */
  nodes: string;
  ports: number[];
  /** One entry per redis-server process (for a pids file). */
  servers: ServerProcess[];
  stop(): Promise<void>;
}

export interface StartRedisClusterOptions {
  /** Each node's data, nodes.conf and log go to `<dir>/<port>/`. */
  dir: string;
  detached?: boolean;
  /** Primaries; each holds a third of the slots with the default three. */
  size?: number;
}

/**
 * Three redis-server processes in cluster mode on free loopback ports, joined by `redis-cli --cluster create`
 * without replicas, returned once every node reports cluster_state:ok.
 */
export async function startRedisCluster(options: StartRedisClusterOptions): Promise<RedisClusterServer> {
  const command = findExecutable('redis-server');
  const cli = findExecutable('redis-cli');
  if (!command || !cli)
    throw new Error('redis-server and redis-cli must be on PATH (apt-get install redis-server)');
  const servers: ServerProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    const ports: number[] = [];
    for (let i = 0; i < (options.size ?? 3); i++) {
      const port = await freePort();
      const dataDir = path.join(options.dir, String(port));
      mkdirSync(dataDir, { recursive: true });
      servers.push(
        await startServer({
          name: 'redis-server',
          command,
          args: [
            ...['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
            ...['--cluster-enabled', 'yes', '--cluster-config-file', path.join(dataDir, 'nodes.conf')],
            ...['--cluster-announce-ip', '127.0.0.1', '--maxmemory-policy', 'noeviction', '--dir', dataDir],
          ],
          dataDir,
          logFile: path.join(dataDir, 'redis.log'),
          detached: options.detached ?? false,
          isReady: async (pid) =>
            (await nodeInfo(port, (client) => client.info('server')))?.includes(`process_id:${pid}`) ?? false,
          startupTimeoutMs: 15_000,
        }),
      );
      ports.push(port);
    }
    const addresses = ports.map((port) => `127.0.0.1:${port}`);
    await run(cli, ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: 30_000,
    });
    await waitUntilClusterOk(ports, 20_000);
    return { nodes: addresses.join(','), ports, servers, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Every node has learnt the slot map (cluster create returns before gossip has reached all of them). */
async function waitUntilClusterOk(ports: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(
      ports.map((port) => nodeInfo(port, (client) => client.call('CLUSTER', 'INFO') as Promise<string>)),
    );
    if (states.every((info) => info?.includes('cluster_state:ok'))) return;
    if (Date.now() > deadline) throw new Error(`Redis Cluster not ok after ${timeoutMs / 1000}s`);
    await delay(100);
  }
}

function nodeInfo<T>(port: number, query: (client: Redis) => Promise<T>): Promise<T | undefined> {
  return withRedis(`redis://127.0.0.1:${port}`, query);
}
