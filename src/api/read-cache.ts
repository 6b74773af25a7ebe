import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import type { Config } from '../../config';
import { readPostingsVersion } from '../cache/postings-version';
import type { Logger } from '../logger';

const MAX_ENTRIES = 1000;
const MAX_ALIASES = 4000;

export interface Rendered {
  body: string;
  contentType: string;
  /** Further headers of the 200 answer, such as a page's Content-Security-Policy. */
  headers?: Record<string, string>;
}

/** A rendered public response, with the header lists of its 200 and 304 answers prepared once. */
export interface CachedResponse {
  body: Buffer;
  etag: string;
  storedAt: number;
  headers200: OutgoingHttpHeaders;
  headers304: OutgoingHttpHeaders;
}

export interface ReadCacheOptions {
  redis?: Redis;
  prefix: string;
  maxAgeSeconds: number;
  versionCheckMs: number;
  logger: Logger;
}

/**
 * The public read path's in-process cache of rendered bodies. Entries are keyed by the normalized query (so
 * `?limit=6&q=x` and `?q=x&limit=06` share one) and reachable by the raw request URL, which is what the fast path
 * in front of Express looks up. A Redis counter bumped by every ingest that changed postings invalidates the
 * cache in every API process: it is read at most every `versionCheckMs`, off the request path.
 * Without Redis nothing is stored (a cache nobody can invalidate would serve stale lists).
 */
export class ReadCache {
  private readonly entries = new Map<string, CachedResponse>();
  private readonly aliases = new Map<string, CachedResponse>();
  private readonly rendering = new Map<string, Promise<CachedResponse>>();
  private readonly cacheControl: string;
  private readonly maxAgeMs: number;
  private version: string | undefined;
  /** Changes whenever the cache is cleared, so a render that raced a clear is not stored. */
  private generation = 0;
  private lastCheck = 0;
  private check: Promise<void> | undefined;

  constructor(private readonly options: ReadCacheOptions) {
    const maxAge = options.maxAgeSeconds;
    this.maxAgeMs = maxAge * 1000;
    this.cacheControl = `public, max-age=${maxAge}, stale-while-revalidate=${Math.max(60, maxAge * 10)}`;
  }

  private get enabled(): boolean {
    return this.options.redis !== undefined && this.maxAgeMs > 0;
  }

  /** The fast path: answers a GET or HEAD whose exact URL was rendered recently; false sends it on to Express. */
  tryServe(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const entry = this.aliases.get(req.url ?? '');
    if (!entry) return false;
    const now = Date.now();
    if (now - this.lastCheck >= this.options.versionCheckMs) void this.refreshVersion();
    if (now - entry.storedAt > this.maxAgeMs) return false;
    sendCached(req, res, entry);
    return true;
  }

  /** The cached response for a normalized key, rendering it once however many requests ask at the same time. */
  async get(key: string, rawUrl: string, render: () => Promise<Rendered>): Promise<CachedResponse> {
    if (!this.enabled) return this.prepare(await render());
    if (this.lastCheck === 0) await this.refreshVersion(true);
    else void this.refreshVersion();
    const cached = this.entries.get(key);
    if (cached && Date.now() - cached.storedAt <= this.maxAgeMs) {
      this.alias(rawUrl, cached);
      return cached;
    }
    let pending = this.rendering.get(key);
    if (!pending) {
      const generation = this.generation;
      pending = render()
        .then((rendered) => {
          const entry = this.prepare(rendered);
          if (generation === this.generation && this.version !== undefined) {
            bounded(this.entries, MAX_ENTRIES).set(key, entry);
          }
          return entry;
        })
        .finally(() => this.rendering.delete(key));
      this.rendering.set(key, pending);
    }
    const entry = await pending;
    if (this.entries.get(key) === entry) this.alias(rawUrl, entry);
    return entry;
  }

  private alias(rawUrl: string, entry: CachedResponse): void {
    if (this.aliases.get(rawUrl) !== entry) bounded(this.aliases, MAX_ALIASES).set(rawUrl, entry);
  }

  private prepare({ body, contentType, headers }: Rendered): CachedResponse {
    const bytes = Buffer.from(body, 'utf8');
    const etag = `"${createHash('sha1').update(bytes).digest('base64url')}"`;
    const common = {
      etag,
      'cache-control': this.cacheControl,
      'access-control-allow-origin': '*',
    };
    return {
      body: bytes,
      etag,
      storedAt: Date.now(),
      headers200: {
        'content-type': contentType,
        'content-length': bytes.length,
        'x-content-type-options': 'nosniff',
        // Pages that isolate themselves (COEP require-corp) may still load widget.js and the lists.
        'cross-origin-resource-policy': 'cross-origin',
        ...headers,
        ...common,
      },
      headers304: common,
    };
  }

  /** Reads the postings version when it is due (or `now`), and clears the cache when it moved. */
  private refreshVersion(now = false): Promise<void> {
    const { redis, prefix, versionCheckMs, logger } = this.options;
    if (!redis) return Promise.resolve();
    if (this.check) return this.check;
    if (!now && Date.now() - this.lastCheck < versionCheckMs) return Promise.resolve();
    this.lastCheck = Date.now();
    this.check = readPostingsVersion(redis, prefix)
      .then((version) => {
        if (version !== this.version) this.clear(version);
      })
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'cannot read the postings version; serving uncached');
        this.clear(undefined);
      })
      .finally(() => {
        this.check = undefined;
      });
    return this.check;
  }

  private clear(version: string | undefined): void {
    this.version = version;
    this.generation++;
    this.entries.clear();
    this.aliases.clear();
  }
}

/** Sends a prepared response, or a 304 when the request's If-None-Match names its ETag. */
export function sendCached(req: IncomingMessage, res: ServerResponse, entry: CachedResponse): void {
  const ifNoneMatch = rawHeader(req.rawHeaders, 'if-none-match');
  if (ifNoneMatch && matchesEtag(ifNoneMatch, entry.etag)) {
    res.writeHead(304, entry.headers304).end();
    return;
  }
  res.writeHead(200, entry.headers200).end(entry.body);
}

/** One request header from rawHeaders: reading `req.headers` would build the whole header object on the fast path. */
function rawHeader(raw: string[], lowerCaseName: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === lowerCaseName.length && name.toLowerCase() === lowerCaseName) return raw[i + 1];
  }
  return undefined;
}

function matchesEtag(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function bounded<K, V>(map: Map<K, V>, max: number): Map<K, V> {
  if (map.size >= max) map.delete(map.keys().next().value as K);
  return map;
}

/** A stable key for a parsed query: the same filters in any order or spelling give the same key. */
export function normalizedKey(kind: string, query: object): string {
  const fields = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `${kind}?${JSON.stringify(fields)}`;
}

export function createReadCache(deps: { redis?: Redis; config?: Config; logger: Logger }): ReadCache {
  return new ReadCache({
    redis: deps.redis,
    prefix: deps.config?.queuePrefix ?? 'jobfeed',
    maxAgeSeconds: deps.config?.readCache.maxAgeSeconds ?? 30,
    versionCheckMs: deps.config?.readCache.versionCheckMs ?? 1000,
    logger: deps.logger.child({ module: 'read-cache' }),
  });
}
