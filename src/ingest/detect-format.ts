import { NotAJobFeedError } from '../errors';
import type { FeedFormat } from './formats/format';
import { FORMATS, JSON_FORMATS } from './formats';
import { genericJsonFormat, genericJsonRefusal } from './formats/generic-json.parser';
import type { JsonFeedFormat } from './formats/json-format';

/** XML root element (lower case, with any prefix) -> format name. */
const XML_ROOTS: Record<string, string> = {
  rss: 'rss',
  'rdf:rdf': 'rss',
  feed: 'atom',
  source: 'indeed-xml',
  jobs: 'indeed-xml',
  joblist: 'indeed-xml',
  job_feed: 'indeed-xml',
  'job-feed': 'indeed-xml',
  jobfeed: 'indeed-xml',
  vacancies: 'indeed-xml',
  postings: 'indeed-xml',
  job_postings: 'indeed-xml',
  jobpostings: 'indeed-xml',
  joblistings: 'indeed-xml',
};

/** What the start of a document is: an XML document (with its root and feed format, when known), JSON or HTML. */
export type DocumentKind =
  { kind: 'xml'; root: string; format: FeedFormat | undefined } | { kind: 'json' } | { kind: 'html' };

/** Sorts a document by its first characters (and content type); throws NotAJobFeedError for text that is none. */
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000E-\u001A\uFFFD]/;

export function sniffDocument(head: string, contentType: string | undefined): DocumentKind {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (!text) throw new NotAJobFeedError('the body is empty');
  if (text.startsWith('{') || text.startsWith('[')) return { kind: 'json' };
  const root = rootElement(text);
  const format = root ? xmlFormatFor(root, text) : undefined;
  if (format) return { kind: 'xml', root: root!, format };
  if (root === 'html' || /text\/html|application\/xhtml/i.test(contentType ?? '')) return { kind: 'html' };
  if (!root && BINARY.test(text.slice(0, 512))) {
    throw new NotAJobFeedError(`binary data, not text${contentType ? ` (served as ${contentType})` : ''}`);
  }
  if (!root)
    throw new NotAJobFeedError(
      `text that is not XML, JSON or HTML (starts with ${JSON.stringify(text.slice(0, 40))})`,
    );
  return { kind: 'xml', root, format: undefined };
}

/**
 * The JSON format whose shape the parsed document has, else generic records when they plainly are postings; throws
 * NotAJobFeedError describing the document instead.
 */
export function detectJsonFormat(document: unknown): JsonFeedFormat {
  const format =
    JSON_FORMATS.find((candidate) => candidate.matches(document)) ??
    (genericJsonFormat.matches(document) ? genericJsonFormat : undefined);
  if (!format) throw genericJsonRefusal(document);
  return format;
}

function xmlFormatFor(root: string, text: string): FeedFormat | undefined {
  const name = XML_ROOTS[root];
  // Some distributors wrap Indeed-style <job> elements in a <feed> root that is not Atom.
  if (
    name === 'atom' &&
    !/http:\/\/www\.w3\.org\/2005\/Atom|<entry[\s>]/i.test(text) &&
    /<job[\s>]/i.test(text)
  )
    return FORMATS['indeed-xml'];
  return name ? FORMATS[name] : undefined;
}

function rootElement(text: string): string | undefined {
  const withoutProlog = text
    .replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, '')
    .trimStart();
  return /^<([A-Za-z_][\w.:-]*)/.exec(withoutProlog)?.[1]?.toLowerCase();
}
