import pino, { type Logger } from 'pino';
import type { Config } from '../config';

export type { Logger };

/**
 * One JSON line per event on stdout (or `destination`, such as the demo's readable lines); pipe through
 * `npx pino-pretty` to read it in a terminal.
 */
export function createLogger(
  config: Pick<Config, 'logLevel'>,
  name = 'jobfeed',
  destination?: pino.DestinationStream,
): Logger {
  const options = {
    name,
    level: config.logLevel,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.apiKey', '*.token'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
