import type { Config } from '../../config';

/**
 * What every command receives from the entry point instead of reading the environment itself. `loadConfig` is
 * called by an action when it runs (so `--help` and `--version` work with a bad environment) and returns the one
 * configuration the entry point parsed; tests pass their own.
 */
export interface CliContext {
  loadConfig(): Config;
}
