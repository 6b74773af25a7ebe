import { FetchError } from '../../errors';

/** Passes the body through, failing with a permanent FetchError as soon as it passes maxBytes. */
export async function* limitBytes(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  url: string,
): AsyncGenerator<Uint8Array> {
  let received = 0;
  for await (const chunk of body) {
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
}
