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
  'workzag-jobs': 'personio',
  jobatus: 'jobatus',
};

/**
 * Dialects that share Indeed's roots (`<source>`, `<jobs>`) but need their own reader, each told apart by what its
 * first postings hold: Jobrapido's day-first `<publishdate>`, Jooble's `<job id="…">` with `<name>` or `<region>`.
 */
const INDEED_ROOT_DIALECTS: { format: string; marks: RegExp[] }[] = [
  { format: 'jobrapido', marks: [/<(?:publishdate|expirydate)[\s>]/i] },
  { format: 'jooble', marks: [/<job\s[^>]*\bid\s*=/i, /<(?:name|region|updated|expire)[\s>]/i] },
];

/** Roots of XML documents people take for feeds, and what to do instead. */
const NOT_FEED_ROOTS: Record<string, string> = {
  urlset:
    "a sitemap (<urlset>): it lists a site's pages, not job postings; point jobfeed at the job feed itself",
  sitemapindex:
    "a sitemap index (<sitemapindex>): it lists a site's sitemaps, not job postings; point jobfeed at the job feed itself",
  opml: 'an OPML outline (<opml>): it lists feeds, not job postings; add each job feed it lists as a feed of its own',
};

/** The sentence Chrome and Firefox put above an XML file they show as a tree. */
const BROWSER_XML_VIEW = /This XML file does not appear to have any style information associated with it/i;

/**
 * Elements an HTML page or a fragment of one starts with (a CMS block, an embed, a page without <html>): such a
 * document is HTML even when served as XML or with no content type. A root that is also an XML feed root
 * (`source`) stays that feed.
 */
const HTML_ELEMENTS = new Set([
  'html',
  'head',
  'body',
  'script',
  'meta',
  'link',
  'title',
  'style',
  'noscript',
  'template',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'nav',
  'aside',
  'span',
  'p',
  'a',
  'ul',
  'ol',
  'li',
  'table',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

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
  refuseJsonViewerCopy(text);
  const root = rootElement(text);
  if ((!root || root === 'html') && BROWSER_XML_VIEW.test(text.slice(0, 4096)))
    throw new NotAJobFeedError(
      "this is a browser's view of an XML file, not the file: save the feed's own source (view-source, or the raw download) or point jobfeed at the feed URL",
    );
  const format = root ? xmlFormatFor(root, text) : undefined;
  if (format) return { kind: 'xml', root: root!, format };
  if ((root && HTML_ELEMENTS.has(root)) || /text\/html|application\/xhtml/i.test(contentType ?? ''))
    return { kind: 'html' };
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

/** What an XML document whose root is known to hold no postings (a sitemap, an OPML list) is, and what to do instead. */
export function notAFeedRoot(root: string): string | undefined {
  return NOT_FEED_ROOTS[root];
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
  if (name === 'indeed-xml') {
    const dialect = INDEED_ROOT_DIALECTS.find(({ marks }) => marks.every((mark) => mark.test(text)));
    if (dialect) return FORMATS[dialect.format];
  }
  return name ? FORMATS[name] : undefined;
}

function rootElement(text: string): string | undefined {
  const withoutProlog = text
    .replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, '')
    .trimStart();
  return /^<([A-Za-z_][\w.:-]*)/.exec(withoutProlog)?.[1]?.toLowerCase();
}

/** The first lines of a browser JSON viewer's page, as select-all copies it (Firefox: tabs, then its toolbar). */
const JSON_VIEWER_TEXT = /^(?:JSON\s+Raw Data\s+Headers\b|Pretty[- ]print\b)/i;
const COMMENT_LINES_THEN_JSON = /^(?:(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/)\s*)+[{[]/;

/** A copy of an API response taken from a browser is not the response: say so, and where to point jobfeed instead. */
function refuseJsonViewerCopy(text: string): void {
  if (COMMENT_LINES_THEN_JSON.test(text))
    throw new NotAJobFeedError(
      "a JSON viewer's copy with // comments, not the API's own response: point jobfeed at the API URL",
    );
  if (JSON_VIEWER_TEXT.test(text))
    throw new NotAJobFeedError(
      "a browser JSON viewer's page text (JSON / Raw Data / Headers), not the API's own response: point jobfeed at the API URL",
    );
}
