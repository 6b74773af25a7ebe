import { Agent, errors, interceptors, request, type Dispatcher } from 'undici';
import { FetchError } from '../../errors';

export interface FetchOptions {
  timeoutMs: number;
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
      url: string;
      contentType: string | undefined;
      validators: { etag: string | null; lastModified: string | null };
      /** Decoded (gunzipped) bytes; throws FetchError past maxBytes. */
      body: AsyncIterable<Uint8Array>;
    };

const MAX_REDIRECTS = 5;

export function createFetchDispatcher(options: Pick<FetchOptions, 'timeoutMs'>): Dispatcher {
  return new Agent({
    connect: { timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  }).compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTS }), interceptors.decompress());
}

/** One conditional GET of a partner feed. Failures are FetchErrors that say whether a retry can help. */
export async function fetchFeed(
  url: string,
  validators: Validators,
  options: FetchOptions,
  dispatcher: Dispatcher,
): Promise<FetchResult> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept:
      'application/rss+xml, application/atom+xml, application/xml, text/xml, application/json;q=0.9, */*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;

  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, { method: 'GET', headers, dispatcher });
  } catch (error) {
    throw toFetchError(error, url);
  }
  const { statusCode } = response;
  if (statusCode === 304) {
    await response.body.dump();
    return { kind: 'not_modified' };
  }
  if (statusCode < 200 || statusCode >= 300) {
    await response.body.dump();
    throw statusError(statusCode, url, header(response.headers, 'retry-after'));
  }
  return {
    kind: 'ok',
    url,
    contentType: header(response.headers, 'content-type'),
    validators: {
      etag: header(response.headers, 'etag') ?? null,
      lastModified: header(response.headers, 'last-modified') ?? null,
    },
    body: limited(response.body, options.maxBytes, url),
  };
}

async function* limited(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
  url: string,
): AsyncGenerator<Uint8Array> {
  let received = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      received += chunk.byteLength;
      if (received > maxBytes) {
        throw new FetchError(
          `${url}: the feed is larger than the ${maxBytes}-byte limit (FETCH_MAX_BYTES)`,
          true,
          'too_large',
        );
      }
      yield chunk;
    }
  } catch (error) {
    throw error instanceof FetchError ? error : toFetchError(error, url);
  } finally {
    if (!body.destroyed) body.destroy();
  }
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

function toFetchError(error: unknown, url: string): FetchError {
  const reason = error instanceof Error ? error.message : String(error);
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
  return new FetchError(`${url}: ${reason}`, false, 'network');
}
