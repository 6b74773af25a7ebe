import { MongoClient } from 'mongodb';
import { ensureFerretdbBinary } from './ferretdb';
import { findExecutable, freePort, startServer, type ServerProcess } from './server-process';

export type MongoKind = 'mongod' | 'ferretdb';

export interface MongoServer extends ServerProcess {
  url: string;
  kind: MongoKind;
}

export interface StartMongoOptions {
  dataDir: string;
  logFile: string;
  detached?: boolean;
  /** Defaults to a free port chosen after the FerretDB build, just before spawning. */
  port?: number;
}

/** Starts mongod when it is on PATH, else the FerretDB helper (built on first use). */
export async function startMongo(options: StartMongoOptions): Promise<MongoServer> {
  const mongod = findExecutable('mongod');
  const kind: MongoKind = mongod ? 'mongod' : 'ferretdb';
  const command = mongod ?? (await ensureFerretdbBinary());
  const port = options.port ?? (await freePort());
  const url = `mongodb://127.0.0.1:${port}/`;
  const args = mongod
    ? ['--dbpath', options.dataDir, '--port', String(port), '--bind_ip', '127.0.0.1']
    : ['-listen', `127.0.0.1:${port}`, '-dir', options.dataDir];
  const server = await startServer({
    name: kind,
    command,
    args,
    dataDir: options.dataDir,
    logFile: options.logFile,
    detached: options.detached ?? false,
    isReady: async (pid) => (await mongoServerPid(url)) === pid,
    startupTimeoutMs: 60_000,
  });
  return { ...server, url, kind };
}

export async function mongoAnswers(url: string): Promise<boolean> {
  const reply = await withMongo(url, (client) => client.db('admin').command({ ping: 1 }));
  return reply?.ok === 1;
}

async function mongoServerPid(url: string): Promise<number | undefined> {
  const status = await withMongo(url, (client) => client.db('admin').command({ serverStatus: 1 }));
  return typeof status?.pid === 'number' ? status.pid : undefined;
}

/** Runs `query` on a fresh connection; undefined when the server does not answer. */
async function withMongo<T>(url: string, query: (client: MongoClient) => Promise<T>): Promise<T | undefined> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 1_000 });
  try {
    await client.connect();
    return await query(client);
  } catch {
    return undefined;
  } finally {
    await client.close();
  }
}
