import { load, type CheerioAPI } from 'cheerio';
import type { RawPosting } from '../../domain/posting';
import type { FeedFormat, ParseOptions, ParseReport } from './format';
import { MAX_HTML_CHARS, readWholeText } from './whole-document';

/** A format over a whole HTML page, loaded once with cheerio. */
export interface HtmlFeedFormat extends FeedFormat {
  read($: CheerioAPI, report: ParseReport, options: ParseOptions): Iterable<RawPosting>;
}

export function htmlFormat(spec: Omit<HtmlFeedFormat, 'parse'>): HtmlFeedFormat {
  return {
    ...spec,
    async *parse(text, report, options = {}) {
      yield* spec.read(loadHtml(await readWholeText(text, 'an HTML page', MAX_HTML_CHARS)), report, options);
    },
  };
}

export function loadHtml(html: string): CheerioAPI {
  return load(html);
}
