import { NotAJobFeedError } from '../../errors';

/**
 * JSON and HTML documents are read whole (only XML feeds are streamed): partner JSON APIs and career pages are
 * small, and this cap keeps a runaway one from exhausting memory.
 */
export const MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;

/**
 * HTML pages are capped far lower: a career page's own markup is at most a few hundred kilobytes, and the heaviest
 * job pages seen (listing pages with inline app state and JSON-LD for every posting) stay under 2 MB; 5 MB leaves
 * room for those and still refuses a page built to exhaust the reader.
 */
export const MAX_HTML_CHARS = 5 * 1024 * 1024;

export async function readWholeText(
  text: AsyncIterable<string>,
  what: string,
  maxChars = MAX_DOCUMENT_CHARS,
): Promise<string> {
  const parts: string[] = [];
  let length = 0;
  for await (const part of text) {
    length += part.length;
    if (length > maxChars)
      throw new NotAJobFeedError(
        `${what} longer than ${maxChars} characters; only XML feeds are read as a stream`,
      );
    parts.push(part);
  }
  return parts.join('').replace(/^\uFEFF/, '');
}

const COMMENT_LINE = /^\s*\/\/.*$/m;

export function parseJsonDocument(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (COMMENT_LINE.test(text))
      throw new NotAJobFeedError(
        "a JSON viewer's copy with // comments, not the API's own response: point jobfeed at the API URL",
      );
    throw new NotAJobFeedError(
      `a JSON document that does not parse (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
