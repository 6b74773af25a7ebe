import Redis from 'ioredis';
import { findExecutable, freePort, startServer, type ServerProcess } from './server-process';

export interface RedisServer extends ServerProcess {
  url: string;
  kind: 'redis-server';
}

export interface StartRedisOptions {
  dataDir: string;
  logFile: string;
  detached?: boolean;
  /** Defaults to a free port chosen just before spawning. */
  port?: number;
}

export async function startRedis(options: StartRedisOptions): Promise<RedisServer> {
  const command = findExecutable('redis-server');
  if (!command)
    throw new Error(
      'redis-server is not on PATH: install it (apt-get install redis-server) or set REDIS_URL',
    );
  const port = options.port ?? (await freePort());
  const url = `redis://127.0.0.1:${port}`;
  const server = await startServer({
    name: 'redis-server',
    command,
    args: [
      ...['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
      ...['--maxmemory-policy', 'noeviction', '--dir', options.dataDir],
    ],
    dataDir: options.dataDir,
    logFile: options.logFile,
    detached: options.detached ?? false,
    isReady: async (pid) => (await redisServerPid(url)) === pid,
    startupTimeoutMs: 15_000,
  });
  return { ...server, url, kind: 'redis-server' };
}

export async function redisAnswers(url: string): Promise<boolean> {
  return (await withRedis(url, (client) => client.ping())) === 'PONG';
}

async function redisServerPid(url: string): Promise<number | undefined> {
  const info = await withRedis(url, (client) => client.info('server'));
  const pid = info?.match(/^process_id:(\d+)/m)?.[1];
  return pid === undefined ? undefined : Number(pid);
}

/** Runs `query` on a fresh connection; undefined when the server does not answer. */
export async function withRedis<T>(
  url: string,
  query: (client: Redis) => Promise<T>,
): Promise<T | undefined> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, retryStrategy: () => null });
  // A failed probe also surfaces as an 'error' event; without a listener ioredis prints it.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await query(client);
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}
