import { once } from 'node:events';

/** Writes a line to stdout, waiting when the reader is slower than us (a pipe into `head`, a file on a slow disk). */
export async function writeLine(line: string): Promise<void> {
  if (!process.stdout.write(`${line}\n`)) await once(process.stdout, 'drain');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A user-facing failure: the message on stderr, a non-zero exit, no stack trace. */
export class CliError extends Error {}
