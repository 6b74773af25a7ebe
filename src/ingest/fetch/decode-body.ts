import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createUnzip } from 'node:zlib';
import { FetchError } from '../../errors';

const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  // Unzip reads zlib-wrapped deflate (what RFC 9110 means) and gzip sent under the wrong name.
  deflate: createUnzip,
  br: createBrotliDecompress,
};

/**
 * The body with its Content-Encoding undone, last coding first. node:zlib streams: their output is counted by
 * the caller, so a small compressed body cannot expand past FETCH_MAX_BYTES unnoticed.
 */
export function decodeBody(body: Readable, contentEncoding: string | undefined, url: string): Readable {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding && coding !== 'identity')
    .reverse();
  let stream: Readable = body;
  for (const coding of codings) {
    const decoder = DECODERS[coding];
    if (!decoder) {
      body.on('error', () => undefined).destroy();
      throw new FetchError(`${url}: unsupported Content-Encoding "${coding}"`, true, 'bad_response');
    }
    stream = pipeline(stream, decoder(), () => undefined) as unknown as Readable;
  }
  return stream;
}
