import { spawnLoggedProcess, type LoggedProcess } from './logged-process';

export type WorkerProcess = LoggedProcess;

/** A real worker process, `node --import tsx workers/main.ts`, on the database and queue prefix given. */
export function spawnWorker(env: {
  MONGO_URL: string;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  [name: string]: string;
}): WorkerProcess {
  return spawnLoggedProcess(['workers/main.ts'], {
    FETCH_ALLOW_PRIVATE: 'true',
    WORKER_METRICS_PORT: '0',
    INGEST_BACKOFF_MS: '20',
    ...env,
  });
}

/** The test services' MongoDB URL with a database of the test's own in its path. */
export function mongoUrlFor(dbName: string): string {
  const url = new URL(process.env.MONGO_URL!);
  url.pathname = `/${dbName}`;
  return url.toString();
}
