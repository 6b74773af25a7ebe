import type { RawPosting } from '../posting';
import { splitCompanyTitle } from './company-title';
import { pick, type FeedFormat } from './format';
import { readXmlPostings, type XmlRecord } from './xml-records';

/**
 * Atom 1.0 (`<feed><entry>`), streamed like the other XML feeds. The entry's `rel="alternate"` link (or its link
 * without rel) is its URL, its author the company unless the title names one ("Company: Title").
 */
export const atomFormat: FeedFormat = {
  name: 'atom',
  description: 'an Atom feed',
  parse: (text, report) => readXmlPostings(text, 'entry', report, toRawPosting),
};

function toRawPosting(entry: XmlRecord): RawPosting {
  const split = splitCompanyTitle(pick(entry, 'title'), pick(entry, 'job:company', 'company'));
  return {
    externalId: pick(entry, 'id'),
    title: split.title,
    company: split.company ?? pick(entry, 'author/name'),
    description: pick(entry, 'content', 'summary'),
    url: pick(entry, 'link[alternate]@href') ?? (entry['link@rel'] ? undefined : pick(entry, 'link@href')),
    date: pick(entry, 'published', 'updated'),
    location: pick(entry, 'job:location', 'location'),
    employmentType: pick(entry, 'job:type', 'job_type'),
  };
}
