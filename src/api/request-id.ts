import { randomUUID } from 'node:crypto';

/** The id a response carries as x-request-id and its log lines as reqId: the client's own (bounded), or a new one. */
export function requestId(sent: string | undefined): string {
  return sent?.slice(0, 64) || randomUUID();
}
