import { NotAJobFeedError, ValidationError } from '../errors';
import { decodeStream, detectCharset } from './charset';
import { detectFormat } from './detect-format';
import { FORMATS, FORMAT_NAMES } from './formats';
import type { FeedFormat, ParseReport } from './formats/format';
import type { FieldMapping } from './formats/mapping';
import type { RawPosting } from './posting';

const HEAD_BYTES = 8 * 1024;

export interface FeedReading {
  format: FeedFormat;
  charset: string;
  /** The partner's postings as they arrive. Ends with NotAJobFeedError when the document held none. */
  postings: AsyncIterable<RawPosting>;
  report: ParseReport;
}

/** Detects charset and format from the first bytes, then streams the postings of the whole body. */
export async function readFeed(
  body: AsyncIterable<Uint8Array>,
  options: { contentType?: string; format?: string; mapping?: FieldMapping },
): Promise<FeedReading> {
  const iterator = body[Symbol.asyncIterator]();
  const headChunks: Uint8Array[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    headChunks.push(next.value);
    headLength += next.value.byteLength;
  }
  const head = Buffer.concat(headChunks);
  const charset = detectCharset(head, options.contentType);
  const format = options.format
    ? formatNamed(options.format)
    : detectFormat(new TextDecoder(charset).decode(head), options.contentType);

  async function* bytes(): AsyncGenerator<Uint8Array> {
    yield head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  const report: ParseReport = { warnings: [] };

  async function* postings(): AsyncGenerator<RawPosting> {
    let count = 0;
    for await (const posting of format.parse(decodeStream(bytes(), charset), report, {
      mapping: options.mapping,
    })) {
      count++;
      yield posting;
    }
    if (count === 0) throw new NotAJobFeedError(`${format.description} with no postings`);
  }
  return { format, charset, postings: postings(), report };
}

function formatNamed(name: string): FeedFormat {
  const format = FORMATS[name];
  if (!format)
    throw new ValidationError([{ field: 'format', message: `must be one of ${FORMAT_NAMES.join(', ')}` }]);
  return format;
}
