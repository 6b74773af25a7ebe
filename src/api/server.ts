import cluster from 'node:cluster';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../config';
import { connectDatabase } from '../data/database';
import { handleShutdown } from '../lifecycle';
import { createLogger, type Logger } from '../logger';
import { createQueues, QUEUE_NAMES } from '../queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { closeRedis, createRedis, logRedisOutages, redisVariable } from '../queue/redis';
import { createApiMetrics } from '../metrics/api-metrics';
import { clusterMetricsText } from '../metrics/cluster-metrics';
import { runApiCluster } from './api-cluster';
import type { AppDependencies } from './app';
import { createHttpListener } from './http-listener';

export interface RunningApi {
  server: Server;
  url: string;
  /** Stops accepting connections and waits for in-flight requests. */
  close(): Promise<void>;
}

export async function startApi(deps: AppDependencies & { logger: Logger }): Promise<RunningApi> {
  const server = createServer(createHttpListener(deps));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.config.http.port, deps.config.http.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${deps.config.http.host === '0.0.0.0' ? 'localhost' : deps.config.http.host}:${port}`;
  deps.logger.info({ url }, 'API listening');
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

/** The API process: `jobfeed api`; with API_PROCESSES > 1, the primary of that many (each of which runs this too). */
export async function runApiProcess(config: Config): Promise<void> {
  const logger = createLogger(config);
  if (config.apiProcesses > 1 && cluster.isPrimary) {
    runApiCluster(config, logger);
    return;
  }
  // Until it listens, the IPC channel to the primary must not keep a process alive whose start failed (MongoDB
  // unreachable); a listening process's connections arrive through it.
  if (cluster.isWorker) process.channel?.unref();
  const db = await connectDatabase(config.mongoUrl, {
    maxPostingAgeDays: config.feeds.maxPostingAgeDays,
    publicReadPreference: config.mongoReadPreference,
  });
  // Not awaited: without Redis the API starts and serves the read path uncached (rate limits let requests through,
  // /readyz says redis failed) and picks Redis up when it answers.
  const redis = createRedis(config, 'producer');
  logRedisOutages(redis, logger, redisVariable(config));
  const queues = createQueues(redis, config.queuePrefix, ingestJobOptions(config.worker));
  // BullMQ repeats the connection's errors on each queue; logRedisOutages already reports them.
  for (const name of QUEUE_NAMES) queues[name].on('error', () => undefined);
  const metricsRegistry = createApiMetrics({ db, queues, logger });
  const metricsText = cluster.isWorker ? clusterMetricsText(metricsRegistry) : undefined;
  const connections = [
    { name: 'queues', run: () => queues.close() },
    { name: 'redis', run: () => closeRedis(redis) },
    { name: 'mongodb', run: () => db.close() },
  ];
  let api: RunningApi;
  try {
    api = await startApi({ config, db, logger, redis, queues, metricsRegistry, metricsText });
  } catch (error) {
    // Such as PORT taken. The open connections (and a cluster process's IPC channel) would keep the process
    // running without a server.
    logger.fatal({ err: error }, 'API failed to start');
    for (const step of connections) await step.run().catch(() => undefined);
    process.exit(1);
  }
  if (cluster.isWorker) process.channel?.ref();
  handleShutdown(
    [{ name: 'http', run: () => api.close() }, ...connections],
    logger,
    config.shutdownTimeoutMs,
  );
}
