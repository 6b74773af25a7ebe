import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMongo, type MongoKind } from './mongo';
import { startRedis, type RedisServer } from './redis';
import { startRedisCluster } from './redis-cluster';
import { stopServer, type ServerProcess } from './server-process';

export interface LocalServices {
  mongoUrl: string;
  redisUrl: string;
  mongoKind: MongoKind | 'external';
  redisKind: RedisServer['kind'] | 'external';
  /** REDIS_CLUSTER_NODES of the three-node cluster started with `redisCluster`. */
  redisClusterNodes: string | undefined;
  stop(): Promise<void>;
}

export interface LocalServicesOptions {
  /** Repository root; detached servers log to and record their pids under `<rootDir>/.services/`. */
  rootDir: string;
  /** Let the servers outlive this process (`npm run services`). */
  detached: boolean;
  /** Also start a three-node Redis Cluster (`npm run services -- --redis-cluster`). */
  redisCluster?: boolean;
}

interface LaunchOptions {
  dataDir: string;
  logFile: string;
  detached: boolean;
}

interface Launched extends ServerProcess {
  /** Temporary directory holding the server's data, and its log unless detached. */
  workDir: string;
}

export { freePort } from './server-process';

/** Uses MONGO_URL and REDIS_URL as they are when set; starts a server for each one that is not. */
export async function startLocalServices({
  rootDir,
  detached,
  redisCluster = false,
}: LocalServicesOptions): Promise<LocalServices> {
  const servicesDir = path.join(rootDir, '.services');
  mkdirSync(servicesDir, { recursive: true });
  const launched: Launched[] = [];

  const launch = async <T extends ServerProcess>(
    service: 'mongo' | 'redis',
    start: (options: LaunchOptions) => Promise<T>,
  ): Promise<T> => {
    const workDir = mkdtempSync(path.join(os.tmpdir(), `jobfeed-${service}-`));
    const logFile = path.join(detached ? servicesDir : workDir, `${service}.log`);
    try {
      const server = await start({ dataDir: path.join(workDir, 'data'), logFile, detached });
      const entry = { ...server, workDir };
      launched.push(entry);
      if (detached) appendFileSync(pidsFile(rootDir), pidsLine(entry));
      return server;
    } catch (error) {
      rmSync(workDir, { recursive: true, force: true });
      throw error;
    }
  };

  const launchCluster = async (): Promise<string> => {
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'jobfeed-redis-cluster-'));
    try {
      const cluster = await startRedisCluster({ dir: workDir, detached });
      for (const server of cluster.servers) {
        const entry = { ...server, workDir };
        launched.push(entry);
        if (detached) appendFileSync(pidsFile(rootDir), pidsLine(entry));
      }
      return cluster.nodes;
    } catch (error) {
      rmSync(workDir, { recursive: true, force: true });
      throw error;
    }
  };

  const stop = async (): Promise<void> => {
    for (const server of [...launched].reverse()) {
      await server.stop();
      rmSync(server.workDir, { recursive: true, force: true });
    }
    if (detached) forgetPids(rootDir, new Set(launched.map((server) => server.pid)));
  };

  try {
    const mongo = process.env.MONGO_URL
      ? { url: process.env.MONGO_URL, kind: 'external' as const }
      : await launch('mongo', startMongo);
    const redis = process.env.REDIS_URL
      ? { url: process.env.REDIS_URL, kind: 'external' as const }
      : await launch('redis', startRedis);
    const redisClusterNodes = redisCluster ? await launchCluster() : undefined;
    return {
      mongoUrl: mongo.url,
      redisUrl: redis.url,
      mongoKind: mongo.kind,
      redisKind: redis.kind,
      redisClusterNodes,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Stops the detached servers recorded under `<rootDir>/.services/pids`, even from another process. */
export async function stopRecordedServices(rootDir: string): Promise<void> {
  for (const { pid, name, workDir } of readPids(rootDir)) {
    await stopServer(pid, name);
    rmSync(workDir, { recursive: true, force: true });
  }
  rmSync(pidsFile(rootDir), { force: true });
}

function pidsFile(rootDir: string): string {
  return path.join(rootDir, '.services', 'pids');
}

type PidsEntry = Pick<Launched, 'pid' | 'name' | 'workDir'>;

function pidsLine({ pid, name, workDir }: PidsEntry): string {
  return `${pid}\t${name}\t${workDir}\n`;
}

function readPids(rootDir: string): PidsEntry[] {
  const file = pidsFile(rootDir);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.split('\t'))
    .flatMap(([pid, name, workDir]) => (pid && name && workDir ? [{ pid: Number(pid), name, workDir }] : []));
}

function forgetPids(rootDir: string, pids: Set<number>): void {
  const remaining = readPids(rootDir).filter(({ pid }) => !pids.has(pid));
  if (remaining.length === 0) rmSync(pidsFile(rootDir), { force: true });
  else writeFileSync(pidsFile(rootDir), remaining.map(pidsLine).join(''));
}
