import { NotAJobFeedError } from '../errors';
import type { FeedFormat } from './formats/format';
import { FORMATS } from './formats';

/** XML root element (lower case, with any prefix) -> format name. */
const XML_ROOTS: Record<string, string> = {
  rss: 'rss',
  'rdf:rdf': 'rss',
  source: 'indeed-xml',
  jobs: 'indeed-xml',
  joblist: 'indeed-xml',
  job_feed: 'indeed-xml',
  'job-feed': 'indeed-xml',
};

/** Picks the format from the start of the document; throws NotAJobFeedError naming what it found instead. */
export function detectFormat(head: string, contentType: string | undefined): FeedFormat {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (!text) throw new NotAJobFeedError('the body is empty');
  if (text.startsWith('{') || text.startsWith('[')) {
    throw new NotAJobFeedError('a JSON document in no job feed format jobfeed reads');
  }
  const root = rootElement(text);
  if (root === 'html' || /text\/html/i.test(contentType ?? '')) {
    const title = /<title[^>]*>([^<]{0,120})/i.exec(text)?.[1]?.trim();
    throw new NotAJobFeedError(`an HTML page${title ? ` ("${title}")` : ''}, not a feed`);
  }
  if (!root)
    throw new NotAJobFeedError(
      `text that is not XML or JSON (starts with ${JSON.stringify(text.slice(0, 40))})`,
    );
  const name = XML_ROOTS[root];
  if (!name) throw new NotAJobFeedError(`an XML document whose root element <${root}> is no job feed format`);
  return FORMATS[name]!;
}

function rootElement(text: string): string | undefined {
  const withoutProlog = text
    .replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, '')
    .trimStart();
  return /^<([A-Za-z_][\w.:-]*)/.exec(withoutProlog)?.[1]?.toLowerCase();
}
