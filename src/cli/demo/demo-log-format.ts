import type { DestinationStream } from 'pino';

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
/** Fields every line has, or that the line already shows. */
const SHOWN = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'name',
  'msg',
  'module',
  'req',
  'res',
  'responseTime',
  'err',
]);

interface LogRecord {
  level?: number;
  time?: number;
  msg?: string;
  module?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { message?: string };
  [field: string]: unknown;
}

/**
 * One pino JSON line as a line a person reads in the demo's terminal: `12:04:05 GET /api/v1/jobs/recent 200 4 ms`
 * for a request, `12:04:05 info ingest: feed ingested feedId=… inserted=6` for the rest. Without pino-pretty,
 * which is a development dependency only.
 */
export function formatLogLine(json: string): string {
  let record: LogRecord;
  try {
    record = JSON.parse(json) as LogRecord;
  } catch {
    return json.trimEnd();
  }
  const time = new Date(record.time ?? Date.now()).toISOString().slice(11, 19);
  if (record.req && record.res) {
    const took = record.responseTime === undefined ? '' : ` ${record.responseTime} ms`;
    return `${time} ${record.req.method} ${record.req.url} ${record.res.statusCode}${took}`;
  }
  const level = LEVELS[record.level ?? 30] ?? String(record.level);
  const fields = Object.entries(record)
    .filter(([key]) => !SHOWN.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  if (record.err?.message) fields.push(`error="${record.err.message}"`);
  const module = record.module ? `${record.module}: ` : '';
  return [`${time} ${level} ${module}${record.msg ?? ''}`, ...fields].join(' ');
}

/** A pino destination writing each event as formatLogLine's line. */
export function demoLogStream(out: NodeJS.WritableStream = process.stdout): DestinationStream {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line.trim()) out.write(`${formatLogLine(line)}\n`);
    },
  };
}
