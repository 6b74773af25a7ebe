import { Agent, errors, request, type Dispatcher } from 'undici';
import { FetchError } from '../../errors';
import { createAddressGuard, refusal, type GuardOptions } from './address-guard';
import { limitBytes } from './byte-limit';
import { decodeBody } from './decode-body';

export interface FetchOptions {
  timeoutMs: number;
  /** The whole fetch, body included: a body dripping a byte before each idle timeout still ends. */
  deadlineMs: number;
  maxBytes: number;
  userAgent: string;
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchResult =
  | { kind: 'not_modified' }
  | {
      kind: 'ok';
      /** Where the feed was found, after redirects. */
      url: string;
      contentType: string | undefined;
      validators: { etag: string | null; lastModified: string | null };
      /** Decoded bytes; throws FetchError past maxBytes or the deadline. */
      body: AsyncIterable<Uint8Array>;
    };

/** The connection pool and the address guard every feed fetch goes through. */
export interface FeedClient {
  dispatcher: Dispatcher;
  checkUrl(url: URL): void;
  close(): Promise<void>;
}

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function createFetchDispatcher(
  options: Pick<FetchOptions, 'timeoutMs'> &
    Pick<GuardOptions, 'allowPrivate' | 'resolve'> & {
      trustedOrigins?: string[];
    },
): FeedClient {
  const guard = createAddressGuard({ trustedOrigins: [], ...options });
  const dispatcher = new Agent({
    connect: guard.connector({ timeout: options.timeoutMs }),
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  return { dispatcher, checkUrl: guard.checkUrl, close: () => dispatcher.close() };
}

/** One conditional GET of a partner feed. Failures are FetchErrors that say whether a retry can help. */
export async function fetchFeed(
  url: string,
  validators: Validators,
  options: FetchOptions,
  client: FeedClient,
): Promise<FetchResult> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept:
      'application/rss+xml, application/atom+xml, application/xml, text/xml, application/json;q=0.9, */*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const deadline = AbortSignal.timeout(options.deadlineMs);
  const fail = (error: unknown, at: string) => toFetchError(error, at, deadline, options.deadlineMs);

  let location = parseUrl(url);
  let response: Dispatcher.ResponseData;
  for (let redirects = 0; ; redirects++) {
    try {
      client.checkUrl(location);
      response = await request(location, {
        method: 'GET',
        headers,
        dispatcher: client.dispatcher,
        signal: deadline,
      });
    } catch (error) {
      throw fail(error, location.href);
    }
    const next = header(response.headers, 'location');
    if (!REDIRECT_STATUSES.has(response.statusCode) || !next) break;
    await response.body.dump().catch(() => undefined);
    if (redirects === MAX_REDIRECTS)
      throw new FetchError(`${url}: more than ${MAX_REDIRECTS} redirects`, true, 'too_many_redirects');
    location = parseUrl(next, location);
  }

  const { statusCode } = response;
  if (statusCode === 304) {
    await response.body.dump().catch(() => undefined);
    return { kind: 'not_modified' };
  }
  if (statusCode < 200 || statusCode >= 300) {
    await response.body.dump().catch(() => undefined);
    throw statusError(statusCode, location.href, header(response.headers, 'retry-after'));
  }
  // Errors reach the reader through iteration; this keeps an unread body's late error from going unhandled.
  response.body.on('error', () => undefined);
  const decoded = decodeBody(response.body, header(response.headers, 'content-encoding'), location.href);
  async function* body(): AsyncGenerator<Uint8Array> {
    try {
      yield* limitBytes(decoded, options.maxBytes, location.href);
    } catch (error) {
      throw fail(error, location.href);
    } finally {
      decoded.destroy();
      response.body.destroy();
    }
  }
  return {
    kind: 'ok',
    url: location.href,
    contentType: header(response.headers, 'content-type'),
    validators: {
      etag: header(response.headers, 'etag') ?? null,
      lastModified: header(response.headers, 'last-modified') ?? null,
    },
    body: body(),
  };
}

function parseUrl(value: string, base?: URL): URL {
  if (!URL.canParse(value, base?.href)) throw refusal(`${JSON.stringify(value)} is not a URL`);
  return new URL(value, base);
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function statusError(status: number, url: string, retryAfter: string | undefined): FetchError {
  const message = `${url} answered HTTP ${status}`;
  if (status === 429 || status === 503)
    return new FetchError(message, false, status === 429 ? '4xx' : '5xx', retryAfterMs(retryAfter));
  if (status >= 500 || status === 408) return new FetchError(message, false, status >= 500 ? '5xx' : '4xx');
  return new FetchError(message, true, '4xx');
}

function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

function toFetchError(error: unknown, url: string, deadline: AbortSignal, deadlineMs: number): FetchError {
  if (error instanceof FetchError) {
    return error.message.startsWith(url)
      ? error
      : new FetchError(`${url}: ${error.message}`, error.permanent, error.outcome, error.retryAfterMs);
  }
  // Not `instanceof Error`: errors from Node internals may come from another realm (vm contexts, Jest).
  const message = (error as { message?: unknown } | null)?.message;
  const reason = typeof message === 'string' ? message : String(error);
  if (deadline.aborted)
    return new FetchError(
      `${url}: did not finish within ${deadlineMs} ms (FETCH_DEADLINE_MS)`,
      false,
      'timeout',
    );
  if (
    error instanceof errors.ConnectTimeoutError ||
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError
  ) {
    return new FetchError(`${url}: timed out (${reason})`, false, 'timeout');
  }
  if (error instanceof errors.InvalidArgumentError || error instanceof TypeError) {
    return new FetchError(`${url}: cannot be fetched (${reason})`, true, 'refused');
  }
  if (isZlibError(error))
    return new FetchError(`${url}: the compressed body is corrupt (${reason})`, false, 'bad_response');
  return new FetchError(`${url}: ${reason}`, false, 'network');
}

function isZlibError(error: unknown): boolean {
  return (
    typeof (error as { errno?: unknown })?.errno === 'number' &&
    /^Z_/.test(String((error as { code?: unknown }).code))
  );
}
