import pino, { type Logger } from 'pino';
import type { Config } from '../config';

export type { Logger };

/** One JSON line per event on stdout; pipe through `npx pino-pretty` to read it in a terminal. */
export function createLogger(config: Pick<Config, 'logLevel'>, name = 'jobfeed'): Logger {
  return pino({
    name,
    level: config.logLevel,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.apiKey', '*.token'],
      censor: '[redacted]',
    },
  });
}
