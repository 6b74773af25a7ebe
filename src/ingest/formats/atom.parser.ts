import type { RawPosting } from '../../domain/posting';
import { companyPrefix, splitCompanyTitles } from './company-title';
import { pick, type FeedFormat } from './format';
import { readXmlPostings, type XmlRecord } from './xml-records';

/**
 * Atom 1.0 (`<feed><entry>`), streamed like the other XML feeds. The entry's `rel="alternate"` link (or its link
 * without rel) is its URL, its author the company unless the feed's titles name one ("Company: Title"), then the feed's own author.
 */
export const atomFormat: FeedFormat = {
  name: 'atom',
  description: 'an Atom feed',
  parse: (text, report) =>
    splitCompanyTitles(
      readXmlPostings(text, 'entry', report, toRawPosting, { feedPaths: FEED_PATHS }),
      report,
    ),
};

/** The feed's own author: a company's careers feed names the company once, for every entry. */
const FEED_PATHS: ReadonlySet<string> = new Set(['feed/author/name']);

/**
 * An entry's author is its company unless its title starts with one: a board's entries name the board as author,
 * and the company in the title wins when the feed's titles are read as "Company: Title".
 */
function toRawPosting(entry: XmlRecord, feed: Readonly<Record<string, string>>): RawPosting {
  const title = pick(entry, 'title');
  const author = pick(entry, 'author/name');
  const titleNamesCompany = companyPrefix(title) !== null;
  return {
    externalId: pick(entry, 'id'),
    title,
    company: pick(entry, 'job:company', 'company') ?? (titleNamesCompany ? undefined : author),
    feedCompany: (titleNamesCompany ? author : undefined) ?? pick(feed, 'feed/author/name'),
    description: pick(entry, 'content', 'summary'),
    url: pick(entry, 'link[alternate]@href') ?? (entry['link@rel'] ? undefined : pick(entry, 'link@href')),
    date: pick(entry, 'published', 'updated'),
    location: pick(entry, 'job:location', 'location'),
    employmentType: pick(entry, 'job:type', 'job_type'),
  };
}
