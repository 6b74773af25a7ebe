import { loadConfigOrExit, type Config } from '../config';
import { connectDatabase } from '../src/data/database';
import { AppError } from '../src/errors';
import { handleShutdown } from '../src/lifecycle';
import { createLogger } from '../src/logger';
import { startMetricsServer } from '../src/metrics/metrics-server';
import { createWorkerMetrics } from '../src/metrics/worker-metrics';
import {
  checkRedisReachable,
  closeRedis,
  createRedis,
  logRedisOutages,
  readEvictionPolicy,
  redisVariable,
} from '../src/queue/redis';
import { startWorkers } from './start-workers';

/** The worker process: `jobfeed worker`, or `node dist/workers/main.js`. */
export async function runWorkerProcess(config: Config): Promise<void> {
  const logger = createLogger(config);
  // A worker without Redis has nothing to do: it stops with one line instead of waiting through reconnects.
  await checkRedisReachable(config);
  const db = await connectDatabase(config.mongoUrl);
  const redis = createRedis(config, 'worker');
  logRedisOutages(redis, logger, redisVariable(config));
  const policy = await readEvictionPolicy(redis).catch(() => undefined);
  if (policy !== 'noeviction') {
    logger.warn(
      { maxmemoryPolicy: policy ?? 'unknown' },
      'Redis maxmemory-policy is not noeviction: queued jobs can be evicted',
    );
  }
  const metrics = createWorkerMetrics();
  const metricsServer = config.workerMetricsPort
    ? await startMetricsServer(metrics.registry, {
        port: config.workerMetricsPort,
        host: config.http.host,
        token: config.metricsToken,
      })
    : undefined;
  if (metricsServer) logger.info({ url: metricsServer.url }, 'worker metrics listening');
  const running = await startWorkers({ config, db, redis, logger, metrics });
  handleShutdown(
    [
      { name: 'workers', run: () => running.close() },
      { name: 'metrics', run: async () => metricsServer?.close() },
      { name: 'redis', run: () => closeRedis(redis) },
      { name: 'mongodb', run: () => db.close() },
    ],
    logger,
    config.shutdownTimeoutMs,
  );
}

if (require.main === module) {
  runWorkerProcess(loadConfigOrExit()).catch((error: unknown) => {
    const operational = error instanceof AppError && error.operational;
    process.stderr.write(
      `jobfeed worker: ${operational ? error.message : ((error as Error).stack ?? error)}\n`,
    );
    process.exitCode = 1;
  });
}
