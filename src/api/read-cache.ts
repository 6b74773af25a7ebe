import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { Config } from '../../config';
import { bumpPostingsVersion, readPostingsState, type PostingsState } from '../cache/postings-version';
import type { Logger } from '../logger';
import { ENCODINGS, preferredEncoding, type Encoding } from './accept-encoding';
import { isConnectionError, type RedisClient } from '../queue/redis';
import { requestId } from './request-id';
import { SECURITY_HEADERS } from './security-headers';

const MAX_ENTRIES = 1000;
const MAX_ALIASES = 4000;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
/** Run once per cache entry, on libuv's thread pool, never per request. */
const COMPRESS: Record<Encoding, (body: Buffer) => Promise<Buffer>> = {
  br: (body) =>
    brotli(body, {
      params: { [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  gzip: (body) => gzipped(body, { level: zlib.Z_BEST_COMPRESSION }),
};

export interface Rendered {
  body: string;
  contentType: string;
  /**
   * Further headers of the answer, such as a page's Content-Security-Policy; null takes a security header off (the
   * embed page's X-Frame-Options).
   */
  headers?: Record<string, string | null>;
}

/**
 * One encoding of a cached body, with the headers of its 200 and 304 answers prepared once as flat name, value
 * lists: node:http writes such a list without reading an object's keys for every answer.
 */
interface Representation {
  body: Buffer;
  etag: string;
  headers200: OutgoingHttpHeader[];
  headers304: OutgoingHttpHeader[];
}

/**
 * A rendered public response: its body as is and precompressed (each coding kept only when it is smaller), with
 * the same headers whether Express or the fast path sends it.
 */
export interface CachedResponse {
  storedAt: number;
  identity: Representation;
  encoded: Partial<Record<Encoding, Representation>>;
  encodings: ReadonlySet<Encoding>;
  /** The ETag of every representation: a client's validator from any of them names this content. */
  etags: string[];
  /** Headers the Express app set that this response goes without. */
  dropped: string[];
}

export interface ReadCacheOptions {
  redis?: RedisClient;
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
 *
 * Read with the version, in the same round trip, are the postings writers at work (src/cache/postings-version.ts).
 * A render is stored only when no write phase ran at any moment of it: no writer in the state read before it began
 * nor in the one read after it ended, and no write phase begun nor version moved in between. While writers are at
 * work, entries are served past their max age and a version change waits for them to finish, so the consistent
 * answers stay; a render refused for overlapping writes gives way to the last stored answer for its key, when
 * there is one. Writers busy without a pause for longer than the Cache-Control stale-while-revalidate window no
 * longer hold the cache back: its renders are then stored as they come.
 */
export class ReadCache {
  private readonly entries = new Map<string, CachedResponse>();
  private readonly aliases = new Map<string, CachedResponse>();
  private readonly rendering = new Map<string, Promise<CachedResponse>>();
  /** The last stored entry of each key, kept through version changes: the fallback of a render that overlapped writes. */
  private readonly latest = new Map<string, CachedResponse>();
  private readonly cacheControl: string;
  private readonly maxAgeMs: number;
  /** How long writers at work may hold the cache on its consistent entries. */
  private readonly holdLimitMs: number;
  /** The version the entries were rendered at. */
  private version: string | undefined;
  /** The last state read, and since when the reads have seen writers without a pause. */
  private state: PostingsState | undefined;
  private writingSince: number | undefined;
  private reads = 0;
  private appliedRead = 0;
  /** Changes whenever the cache is cleared, so a render that raced a clear is not stored. */
  private generation = 0;
  private lastCheck = 0;
  private check: Promise<void> | undefined;

  constructor(private readonly options: ReadCacheOptions) {
    const maxAge = options.maxAgeSeconds;
    this.maxAgeMs = maxAge * 1000;
    const staleWhileRevalidate = Math.max(60, maxAge * 10);
    this.holdLimitMs = staleWhileRevalidate * 1000;
    this.cacheControl = `public, max-age=${maxAge}, stale-while-revalidate=${staleWhileRevalidate}`;
  }

  /** Writers are at work (as last read), and have not been for longer than the hold limit. */
  private get holding(): boolean {
    return this.writingSince !== undefined && Date.now() - this.writingSince < this.holdLimitMs;
  }

  private fresh(entry: CachedResponse, now = Date.now()): boolean {
    return now - entry.storedAt <= this.maxAgeMs || this.holding;
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
    if (!this.fresh(entry, now)) return false;
    const reqId = requestId(rawHeader(req.rawHeaders, 'x-request-id'));
    sendCached(req, res, entry, reqId);
    const { logger } = this.options;
    if (logger.isLevelEnabled('debug'))
      logger.debug(
        { reqId, method: req.method, url: req.url, statusCode: res.statusCode },
        'served from cache',
      );
    return true;
  }

  /** The cached response for a normalized key, rendering it once however many requests ask at the same time. */
  async get(key: string, rawUrl: string, render: () => Promise<Rendered>): Promise<CachedResponse> {
    if (!this.enabled) return this.prepare(await render());
    if (this.lastCheck === 0) await this.refreshVersion(true);
    else void this.refreshVersion();
    const cached = this.entries.get(key);
    if (cached && this.fresh(cached)) {
      this.alias(rawUrl, cached);
      return cached;
    }
    let pending = this.rendering.get(key);
    if (!pending) {
      const generation = this.generation;
      const before = this.state;
      pending = render()
        .then(async (rendered) => {
          const entry = await this.prepare(rendered);
          const after = await this.readState();
          // Redis away: served uncached, as every answer is then.
          if (!after) return entry;
          const unwritten = before !== undefined && untouchedBetween(before, after);
          // Writers without a pause past the hold limit: stored as renders were before writers were followed.
          const overrun = after.writers > 0 && !this.holding;
          if (generation === this.generation && this.version !== undefined && (unwritten || overrun)) {
            bounded(this.entries, MAX_ENTRIES).set(key, entry);
            bounded(this.latest, MAX_ENTRIES).set(key, entry);
            return entry;
          }
          return (unwritten ? undefined : this.latest.get(key)) ?? entry;
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

  private async prepare({ body, contentType, headers = {} }: Rendered): Promise<CachedResponse> {
    const bytes = Buffer.from(body, 'utf8');
    const hash = createHash('sha1').update(bytes).digest('base64url');
    const dropped = Object.keys(headers).filter((name) => headers[name] === null);
    const shared: OutgoingHttpHeaders = { ...SECURITY_HEADERS };
    for (const name of dropped) delete shared[name];
    for (const [name, value] of Object.entries(headers)) if (value !== null) shared[name] = value;
    Object.assign(shared, {
      'cache-control': this.cacheControl,
      'access-control-allow-origin': '*',
      vary: 'accept-encoding',
    });
    const represent = (encoded: Buffer, encoding?: Encoding): Representation => {
      const etag = `"${hash}${encoding ? `-${encoding}` : ''}"`;
      const headers304 = { ...shared, etag };
      const headers200: OutgoingHttpHeaders = {
        ...headers304,
        'content-type': contentType,
        'content-length': encoded.length,
      };
      if (encoding) headers200['content-encoding'] = encoding;
      return { body: encoded, etag, headers200: flat(headers200), headers304: flat(headers304) };
    };
    const compressed = await Promise.all(ENCODINGS.map((encoding) => COMPRESS[encoding](bytes)));
    const encoded: Partial<Record<Encoding, Representation>> = {};
    ENCODINGS.forEach((encoding, i) => {
      if (compressed[i]!.length < bytes.length) encoded[encoding] = represent(compressed[i]!, encoding);
    });
    const identity = represent(bytes);
    return {
      storedAt: Date.now(),
      identity,
      encoded,
      encodings: new Set(Object.keys(encoded) as Encoding[]),
      etags: [identity, ...Object.values(encoded)].map((r) => r.etag),
      dropped,
    };
  }

  /**
   * After this process changed postings itself (a deleted feed): bumps the version for every other API process and
   * drops this one's cache at once, so the change shows in this process's very next answer.
   */
  async invalidate(): Promise<void> {
    const { redis, prefix } = this.options;
    if (redis) await bumpPostingsVersion(redis, prefix);
    this.clear(undefined);
    this.latest.clear();
  }

  /** Reads the postings state when it is due (or `now`). */
  private refreshVersion(now = false): Promise<void> {
    const { redis, versionCheckMs } = this.options;
    if (!redis) return Promise.resolve();
    if (this.check) return this.check;
    if (!now && Date.now() - this.lastCheck < versionCheckMs) return Promise.resolve();
    this.lastCheck = Date.now();
    this.check = this.readState()
      .then(() => undefined)
      .finally(() => {
        this.check = undefined;
      });
    return this.check;
  }

  /**
   * Reads the postings version and writers, and follows them: the cache is cleared when the version moved and no
   * writer holds it. Reads that answer out of order are followed only when newer. Undefined when Redis failed.
   */
  private async readState(): Promise<PostingsState | undefined> {
    const { redis, prefix, logger } = this.options;
    if (!redis) return undefined;
    const read = ++this.reads;
    let state: PostingsState;
    try {
      state = await readPostingsState(redis, prefix);
    } catch (error) {
      // Redis being away is logged once by the process (logRedisOutages), not on every version check.
      if (!isConnectionError(error))
        logger.warn({ err: error }, 'cannot read the postings version; serving uncached');
      this.clear(undefined);
      this.latest.clear();
      this.state = undefined;
      return undefined;
    }
    if (read < this.appliedRead) return state;
    this.appliedRead = read;
    this.state = state;
    this.writingSince = state.writers > 0 ? (this.writingSince ?? Date.now()) : undefined;
    if (state.version !== this.version && (this.version === undefined || !this.holding))
      this.clear(state.version);
    return state;
  }

  private clear(version: string | undefined): void {
    this.version = version;
    this.generation++;
    this.entries.clear();
    this.aliases.clear();
  }
}

/**
 * Sends a prepared response in the best encoding the request accepts, or a 304 when its If-None-Match names the
 * ETag of any of the response's encodings. The fast path passes the `requestId` it answers with; through Express,
 * the request-id middleware has set it.
 */
export function sendCached(
  req: IncomingMessage,
  res: ServerResponse,
  entry: CachedResponse,
  requestId?: string,
): void {
  const encoding = preferredEncoding(rawHeader(req.rawHeaders, 'accept-encoding'), entry.encodings);
  const chosen = (encoding && entry.encoded[encoding]) || entry.identity;
  for (const name of entry.dropped) res.removeHeader(name);
  const ifNoneMatch = rawHeader(req.rawHeaders, 'if-none-match');
  const notModified = ifNoneMatch !== undefined && matchesEtag(ifNoneMatch, entry.etags);
  const headers = notModified ? chosen.headers304 : chosen.headers200;
  res.writeHead(notModified ? 304 : 200, requestId ? headers.concat('x-request-id', requestId) : headers);
  if (notModified) res.end();
  else res.end(chosen.body);
}

/** Headers as the flat name, value list node:http's writeHead takes. */
function flat(headers: OutgoingHttpHeaders): OutgoingHttpHeader[] {
  return Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [name, value]));
}

/** One request header from rawHeaders: reading `req.headers` would build the whole header object on the fast path. */
function rawHeader(raw: string[], lowerCaseName: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === lowerCaseName.length && name.toLowerCase() === lowerCaseName) return raw[i + 1];
  }
  return undefined;
}

function matchesEtag(header: string, etags: string[]): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => etags.includes(tag.trim().replace(/^W\//, '')));
}

/** No write phase was at work at either read, none began between them, and the version did not move. */
function untouchedBetween(before: PostingsState, after: PostingsState): boolean {
  return (
    before.writers === 0 &&
    after.writers === 0 &&
    before.version === after.version &&
    before.writesBegun === after.writesBegun
  );
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

export function createReadCache(deps: { redis?: RedisClient; config?: Config; logger: Logger }): ReadCache {
  return new ReadCache({
    redis: deps.redis,
    prefix: deps.config?.queuePrefix ?? 'jobfeed',
    maxAgeSeconds: deps.config?.readCache.maxAgeSeconds ?? 30,
    versionCheckMs: deps.config?.readCache.versionCheckMs ?? 1000,
    logger: deps.logger.child({ module: 'read-cache' }),
  });
}
