import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../../config';
import { handleShutdown } from '../lifecycle';
import type { Logger } from '../logger';
import { serveClusterMetrics } from '../metrics/cluster-metrics';

/** A worker listening this long has started well: a later death restarts it after the shortest delay again. */
const HEALTHY_AFTER_MS = 10_000;
const FIRST_RESTART_DELAY_MS = 100;
const MAX_RESTART_DELAY_MS = 10_000;

interface Slot {
  worker: Worker;
  listeningAt: number | undefined;
  /** Restarts in a row without the worker staying up HEALTHY_AFTER_MS. */
  quickRestarts: number;
}

/**
 * The primary of `jobfeed api` with API_PROCESSES > 1: it holds no connection of its own, forks that many API
 * processes sharing PORT (node:cluster hands each accepted connection to the next one), restarts one that dies, and on
 * SIGTERM or SIGINT has each drain as the single process does. A process that fails before every process has
 * listened once (MongoDB unreachable, PORT taken) stops them all, as the single process would stop.
 */
export function runApiCluster(config: Config, logger: Logger): void {
  const log = logger.child({ module: 'api-cluster' });
  const slots = new Map<number, Slot>();
  let started = false;
  let startupFailed = false;
  let stopping = false;

  const fork = (slotId: number, quickRestarts: number) => {
    const worker = cluster.fork();
    const slot: Slot = { worker, listeningAt: undefined, quickRestarts };
    slots.set(slotId, slot);
    worker.once('listening', () => {
      slot.listeningAt = Date.now();
      log.info({ slot: slotId, pid: worker.process.pid }, 'API process listening');
      if (!started && [...slots.values()].every((s) => s.listeningAt !== undefined)) {
        started = true;
        log.info({ processes: config.apiProcesses, port: config.http.port }, 'API processes started');
      }
    });
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      const failure = { slot: slotId, pid: worker.process.pid, code, signal };
      if (!started) {
        startupFailed = true;
        log.error(failure, 'API process failed to start; stopping the others');
        void shutdown('startupFailure');
        return;
      }
      const healthy = slot.listeningAt !== undefined && Date.now() - slot.listeningAt >= HEALTHY_AFTER_MS;
      const restarts = healthy ? 0 : slot.quickRestarts + 1;
      const delayMs = Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** restarts);
      log.error({ ...failure, restartInMs: delayMs }, 'API process died; restarting it');
      setTimeout(() => {
        if (!stopping) fork(slotId, restarts);
      }, delayMs);
    });
  };

  const stopAll = async () => {
    stopping = true;
    const workers = [...slots.values()].map((slot) => slot.worker).filter((worker) => !worker.isDead());
    const codes = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<number | null>((resolve) => {
            worker.once('exit', (code) => resolve(code));
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    const failed = codes.filter((code) => code !== 0).length;
    if (failed) throw new Error(`${failed} of ${workers.length} API processes did not stop cleanly`);
    if (startupFailed) throw new Error('an API process failed to start');
  };

  // Each process has SHUTDOWN_TIMEOUT_MS for its own drain; the primary waits a little longer for the last of them.
  const shutdown = handleShutdown(
    [{ name: 'api processes', run: stopAll }],
    log,
    config.shutdownTimeoutMs + 2_000,
  );
  serveClusterMetrics();
  log.info({ processes: config.apiProcesses }, 'starting API processes');
  for (let slotId = 1; slotId <= config.apiProcesses; slotId++) fork(slotId, 0);
}
