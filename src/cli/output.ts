export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A user-facing failure: the message on stderr, a non-zero exit, no stack trace. */
export class CliError extends Error {}
