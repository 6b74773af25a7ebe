import type { FeedFormat } from './format';
import { indeedXmlFormat } from './indeed-xml.parser';
import { rssFormat } from './rss.parser';

/** Every format jobfeed reads, by the name feeds and `--format` use. */
export const FORMATS: Record<string, FeedFormat> = Object.fromEntries(
  [indeedXmlFormat, rssFormat].map((format) => [format.name, format]),
);

export const FORMAT_NAMES = Object.keys(FORMATS);
