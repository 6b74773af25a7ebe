import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const FIXTURE_FEEDS = join(__dirname, '..', 'fixtures', 'feeds');

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface FixtureServer {
  url: string;
  /** Serves a fixture file at a path until replaced. */
  serveFile(path: string, file: string, headers?: Record<string, string>): void;
  /** Any behaviour at a path: a 500, a slow body, a redirect. */
  handle(path: string, handler: Handler): void;
  requests(path: string): number;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 playing the partner: fixture feeds and misbehaviour on demand. */
export async function startFixtureServer(): Promise<FixtureServer> {
  const handlers = new Map<string, Handler>();
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const handler = handlers.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no fixture here');
      return;
    }
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    serveFile(path, file, headers = { 'content-type': 'application/xml; charset=utf-8' }) {
      handlers.set(path, async (_req, res) => {
        res.writeHead(200, headers).end(await readFile(join(FIXTURE_FEEDS, file)));
      });
    },
    handle(path, handler) {
      handlers.set(path, handler);
    },
    requests: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
