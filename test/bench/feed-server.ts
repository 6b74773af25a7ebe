import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';

export interface ServedFeed {
  file: string;
  /** Sent as ETag when set. */
  etag?: string;
  /** Answer 304 when If-None-Match names the ETag; off, the partner ignores validators and always sends the body. */
  honourIfNoneMatch: boolean;
}

export interface FeedServer {
  url: string;
  serve(path: string, feed: ServedFeed): void;
  close(): Promise<void>;
}

/** The partner for benchmarks: generated feed files streamed from disk by a real HTTP server on 127.0.0.1. */
export async function startFeedServer(): Promise<FeedServer> {
  const feeds = new Map<string, ServedFeed>();
  const server = createServer((req, res) => {
    const feed = feeds.get(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!feed) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no feed here');
      return;
    }
    const headers: Record<string, string | number> = {
      'content-type': 'application/xml; charset=utf-8',
      'content-length': statSync(feed.file).size,
    };
    if (feed.etag) headers.etag = feed.etag;
    if (feed.etag && feed.honourIfNoneMatch && req.headers['if-none-match'] === feed.etag) {
      res.writeHead(304, { etag: feed.etag }).end();
      return;
    }
    res.writeHead(200, headers);
    pipeline(createReadStream(feed.file), res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    serve: (path, feed) => void feeds.set(path, feed),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
