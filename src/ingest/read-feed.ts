import { NotAJobFeedError, ValidationError } from '../errors';
import { decodeStream, detectCharset } from './charset';
import { peekStream } from './peek-stream';
import { detectJsonFormat, notAFeedRoot, sniffDocument } from './detect-format';
import { FORMATS, FORMAT_NAMES, MAPPING_FORMATS } from './formats';
import type { FieldMapping } from '../domain/field-mapping';
import type { FeedFormat, ParseOptions, ParseReport } from './formats/format';
import { genericXmlFormat, readGenericXml } from './formats/generic-xml.parser';
import { scanHtmlPage } from './formats/html-page-scan';
import { findJobPostings, jsonLdFormat, readJobPostings } from './formats/json-ld.parser';
import { parseJsonDocument, readWholeText } from './formats/whole-document';
import type { RawPosting } from '../domain/posting';

const HEAD_BYTES = 8 * 1024;

export interface ReadFeedOptions {
  contentType?: string;
  /** A format name: skips detection. */
  format?: string;
  /** The feed's field mapping: the document is read through it instead of a standard format. */
  mapping?: FieldMapping | null;
  /** Where the document came from; a single-job page's posting URL when its data names none. */
  url?: string;
  /** A Personio feed's account, when its URL is not {account}.jobs.personio.de. */
  personioAccount?: string;
}

export interface FeedReading {
  format: FeedFormat;
  charset: string;
  /** The partner's postings as they arrive. Ends with NotAJobFeedError when the document held none. */
  postings: AsyncIterable<RawPosting>;
  report: ParseReport;
}

/**
 * Detects charset and kind of document from the first bytes. XML feeds are then streamed posting by posting;
 * JSON documents are read whole (up to MAX_DOCUMENT_CHARS), their format detected from their shape; HTML pages are
 * scanned for JobPosting data as they arrive (up to MAX_HTML_CHARS), without building their tree.
 */
/** A document's first bytes, its charset (from them and the content type), and its whole text decoded. */
export async function decodeDocument(
  body: AsyncIterable<Uint8Array>,
  contentType: string | undefined,
): Promise<{ head: Buffer; charset: string; text: AsyncIterable<string> }> {
  const peeked = await peekStream(body, HEAD_BYTES, (chunk) => chunk.byteLength);
  const head = Buffer.concat(peeked.head);
  const charset = detectCharset(head, contentType);
  return { head, charset, text: decodeStream(peeked.whole, charset) };
}

export async function readFeed(
  body: AsyncIterable<Uint8Array>,
  options: ReadFeedOptions,
): Promise<FeedReading> {
  const { head, charset, text } = await decodeDocument(body, options.contentType);
  const report: ParseReport = { warnings: [] };
  const parseOptions: ParseOptions = {
    mapping: options.mapping ?? undefined,
    documentUrl: options.url,
    personioAccount: options.personioAccount,
  };

  const { format, postings } = await choose();
  async function* counted(): AsyncGenerator<RawPosting> {
    let count = 0;
    for await (const posting of postings) {
      count++;
      yield posting;
    }
    if (count === 0) throw new NotAJobFeedError(`${format.description} with no postings`);
  }
  return { format, charset, postings: counted(), report };

  async function choose(): Promise<{
    format: FeedFormat;
    postings: AsyncIterable<RawPosting> | Iterable<RawPosting>;
  }> {
    const streamed = (format: FeedFormat) => ({ format, postings: format.parse(text, report, parseOptions) });
    if (options.format) return streamed(formatNamed(options.format));
    const found = sniffDocument(new TextDecoder(charset).decode(head), options.contentType);
    if (parseOptions.mapping) return streamed(MAPPING_FORMATS[found.kind]);
    if (found.kind === 'xml') {
      if (found.format) return streamed(found.format);
      const notAFeed = notAFeedRoot(found.root);
      if (notAFeed) throw new NotAJobFeedError(notAFeed);
      return { format: genericXmlFormat, postings: await readGenericXml(text, report, parseOptions) };
    }
    if (found.kind === 'json') {
      const document = parseJsonDocument(await readWholeText(text, 'a JSON document'));
      const format = detectJsonFormat(document);
      return { format, postings: format.read(document, report, parseOptions) };
    }
    const scanned = await scanHtmlPage(text);
    const page = findJobPostings(scanned, report);
    const { title, postings, otherTypes, malformedBlocks } = page;
    if (postings.length === 0) {
      if (scanned.hasPasswordInput)
        throw new NotAJobFeedError(
          `an HTML login page${title ? ` ("${title}")` : ''}: the feed URL answers with a sign-in form, not a feed; use the feed's public (or token) URL`,
        );
      const found = [
        otherTypes.length ? `JSON-LD for ${otherTypes.slice(0, 5).join(', ')} but no JobPosting` : '',
        malformedBlocks ? `${malformedBlocks} JSON-LD block(s) that do not parse` : '',
      ].filter(Boolean);
      throw new NotAJobFeedError(
        `an HTML page${title ? ` ("${title}")` : ''}${found.length ? ` with ${found.join(' and ')}` : ''}, not a feed`,
      );
    }
    return { format: jsonLdFormat, postings: readJobPostings(page, report, parseOptions) };
  }
}

function formatNamed(name: string): FeedFormat {
  const format = FORMATS[name];
  if (!format)
    throw new ValidationError([{ field: 'format', message: `must be one of ${FORMAT_NAMES.join(', ')}` }]);
  return format;
}
