import type { RawPosting } from '../posting';
import { splitCompanyTitles } from './company-title';
import { pick, type FeedFormat } from './format';
import { readXmlPostings, type XmlRecord } from './xml-records';

/** RSS 2.0 (and RDF 1.0) job feeds, with content:encoded, WP Job Manager's job_listing: fields and "Company: Title" items. */
export const rssFormat: FeedFormat = {
  name: 'rss',
  description: 'an RSS 2.0 feed',
  parse: (text, report) =>
    splitCompanyTitles(readXmlPostings(text, 'item', report, toRawPosting, FEED_PATHS), report),
};

/** What a channel says about who publishes it: Dublin Core's publisher, the managing editor's name. */
const PUBLISHER_PATHS = ['rss/channel/dc:publisher', 'rdf:rdf/channel/dc:publisher'];
const EDITOR_PATHS = ['rss/channel/managingeditor', 'rdf:rdf/channel/managingeditor'];
const FEED_PATHS: ReadonlySet<string> = new Set([...PUBLISHER_PATHS, ...EDITOR_PATHS]);
/** "jobs@acme.example (Acme Careers)": RSS 2.0's managingEditor, an address and a name. */
const EDITOR_NAME = /\(([^()]{2,100})\)\s*$/;

function toRawPosting(item: XmlRecord, feed: Readonly<Record<string, string>>): RawPosting {
  return {
    externalId: pick(item, 'guid', 'job_listing:id', 'id'),
    title: pick(item, 'title'),
    company: pick(item, 'job_listing:company', 'job:company', 'company'),
    feedCompany: pick(feed, ...PUBLISHER_PATHS) ?? EDITOR_NAME.exec(pick(feed, ...EDITOR_PATHS) ?? '')?.[1],
    description: pick(item, 'content:encoded', 'description'),
    url: pick(item, 'link', 'guid'),
    date: pick(item, 'pubdate', 'dc:date', 'published'),
    validThrough: pick(item, 'job_listing:expires', 'job_listing:job_expires', 'expires'),
    location: pick(item, 'job_listing:location', 'job:location', 'location'),
    remote: pick(item, 'job_listing:remote_position', 'remote'),
    employmentType: pick(item, 'job_listing:job_type', 'job:type', 'job_type', 'jobtype'),
    salary: pick(item, 'job_listing:salary', 'job:salary', 'salary'),
  };
}
