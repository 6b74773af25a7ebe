import type { RawPosting } from '../../src/domain/posting';
import { readFeed, type ReadFeedOptions } from '../../src/ingest/read-feed';

/** Reads a document as a feed body arriving in 7-byte chunks: every reader must cope with a body in pieces. */
export async function readDocument(body: string | Buffer, options: ReadFeedOptions = {}) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const reading = await readFeed(
    (async function* () {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    })(),
    options,
  );
  const postings: RawPosting[] = [];
  for await (const posting of reading.postings) postings.push(posting);
  return {
    format: reading.format.name,
    charset: reading.charset,
    postings,
    warnings: reading.report.warnings,
  };
}
