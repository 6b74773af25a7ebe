import type { Logger } from './logger';

export interface ShutdownStep {
  name: string;
  run(): Promise<unknown>;
}

/**
 * Runs the steps in order on SIGTERM or SIGINT (or after an unhandled rejection), then exits; a timer force-quits
 * if a step hangs. Returns the shutdown function so callers can trigger it themselves.
 */
export function handleShutdown(
  steps: ShutdownStep[],
  logger: Logger,
  timeoutMs: number,
): (reason: string) => Promise<void> {
  let started: Promise<void> | undefined;
  const shutdown = (reason: string) => {
    started ??= (async () => {
      logger.info({ reason }, 'shutting down');
      const timer = setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown timed out, forcing exit');
        process.exit(1);
      }, timeoutMs);
      timer.unref();
      let exitCode = reason === 'unhandledRejection' || reason === 'uncaughtException' ? 1 : 0;
      for (const step of steps) {
        try {
          await step.run();
        } catch (error) {
          exitCode = 1;
          logger.error({ step: step.name, err: error }, 'shutdown step failed');
        }
      }
      logger.info('shutdown complete');
      process.exit(exitCode);
    })();
    return started;
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.on('unhandledRejection', (error) => {
    logger.error({ err: error }, 'unhandled rejection');
    void shutdown('unhandledRejection');
  });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    void shutdown('uncaughtException');
  });
  return shutdown;
}
