import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startLocalServices, stopRecordedServices } from './local-services';
import { mongoAnswers } from './mongo';
import { redisAnswers } from './redis';

const rootDir = path.resolve(__dirname, '../..');
const envFile = path.join(rootDir, '.services', 'env');
const envKeys = ['MONGO_URL', 'MONGO_KIND', 'REDIS_URL', 'REDIS_KIND'] as const;
/** Written with `--redis-cluster`: the API, worker and CLI of `npm run api|worker|cli` then use the cluster. */
const clusterKeys = ['REDIS_CLUSTER_NODES', 'QUEUE_PREFIX'] as const;
const CLUSTER_QUEUE_PREFIX = '{jobfeed}';

type ServicesEnv = Record<(typeof envKeys)[number], string> &
  Partial<Record<(typeof clusterKeys)[number], string>>;

const wantsCluster = process.argv.slice(3).includes('--redis-cluster');

async function start(): Promise<void> {
  const recorded = readEnvFile();
  if (recorded && (await stillServes(recorded))) {
    console.error('local services already running; reusing .services/env');
    printEnv(recorded);
    return;
  }
  await stopRecordedServices(rootDir);
  const services = await startLocalServices({ rootDir, detached: true, redisCluster: wantsCluster });
  const env: ServicesEnv = {
    MONGO_URL: services.mongoUrl,
    MONGO_KIND: services.mongoKind,
    REDIS_URL: services.redisUrl,
    REDIS_KIND: services.redisKind,
    ...(services.redisClusterNodes && {
      REDIS_CLUSTER_NODES: services.redisClusterNodes,
      QUEUE_PREFIX: CLUSTER_QUEUE_PREFIX,
    }),
  };
  writeFileSync(envFile, formatEnv(env));
  console.error('local services started; wrote .services/env (stop them with `npm run services:stop`)');
  printEnv(env);
}

async function stop(): Promise<void> {
  await stopRecordedServices(rootDir);
  rmSync(envFile, { force: true });
  console.error('local services stopped');
}

/** Reusable when the recorded servers answer and each URL is still the one this start would pick. */
async function stillServes(env: ServicesEnv): Promise<boolean> {
  const samePick = (url: string, kind: string, wanted: string | undefined): boolean =>
    kind === 'external' ? wanted === url : !wanted || wanted === url;
  return (
    samePick(env.MONGO_URL, env.MONGO_KIND, process.env.MONGO_URL) &&
    samePick(env.REDIS_URL, env.REDIS_KIND, process.env.REDIS_URL) &&
    (await mongoAnswers(env.MONGO_URL)) &&
    (await redisAnswers(env.REDIS_URL)) &&
    (env.REDIS_CLUSTER_NODES !== undefined) === wantsCluster &&
    (await clusterAnswers(env.REDIS_CLUSTER_NODES))
  );
}

async function clusterAnswers(nodes: string | undefined): Promise<boolean> {
  const answers = await Promise.all((nodes?.split(',') ?? []).map((node) => redisAnswers(`redis://${node}`)));
  return answers.every(Boolean);
}

function readEnvFile(): ServicesEnv | undefined {
  if (!existsSync(envFile)) return undefined;
  const values = new Map<string, string>();
  for (const line of readFileSync(envFile, 'utf8').split('\n')) {
    const separator = line.indexOf('=');
    if (separator > 0) values.set(line.slice(0, separator), line.slice(separator + 1));
  }
  const [MONGO_URL, MONGO_KIND, REDIS_URL, REDIS_KIND] = envKeys.map((key) => values.get(key));
  if (!MONGO_URL || !MONGO_KIND || !REDIS_URL || !REDIS_KIND) return undefined;
  const [REDIS_CLUSTER_NODES, QUEUE_PREFIX] = clusterKeys.map((key) => values.get(key));
  return {
    MONGO_URL,
    MONGO_KIND,
    REDIS_URL,
    REDIS_KIND,
    ...(REDIS_CLUSTER_NODES && QUEUE_PREFIX && { REDIS_CLUSTER_NODES, QUEUE_PREFIX }),
  };
}

function formatEnv(env: ServicesEnv): string {
  return [...envKeys, ...clusterKeys]
    .flatMap((key) => (env[key] === undefined ? [] : [`${key}=${env[key]}\n`]))
    .join('');
}

function printEnv(env: ServicesEnv): void {
  process.stdout.write(formatEnv(env));
}

const commands = new Map([
  ['start', start],
  ['stop', stop],
]);
const command = commands.get(process.argv[2] ?? '');
if (!command) {
  console.error('usage: tsx test/services/cli.ts start [--redis-cluster] | stop');
  process.exit(2);
}
command().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
