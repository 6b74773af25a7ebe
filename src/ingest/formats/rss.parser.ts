import type { RawPosting } from '../posting';
import { splitCompanyTitle } from './company-title';
import { pick, type FeedFormat } from './format';
import { readXmlPostings, type XmlRecord } from './xml-records';

/** RSS 2.0 (and RDF 1.0) job feeds, with content:encoded, WP Job Manager's job_listing: fields and "Company: Title" items. */
export const rssFormat: FeedFormat = {
  name: 'rss',
  description: 'an RSS 2.0 feed',
  parse: (text, report) => readXmlPostings(text, 'item', report, toRawPosting),
};

function toRawPosting(item: XmlRecord): RawPosting {
  const { title, company } = splitCompanyTitle(
    pick(item, 'title'),
    pick(item, 'job_listing:company', 'job:company', 'company'),
  );
  return {
    externalId: pick(item, 'guid', 'job_listing:id', 'id'),
    title,
    company,
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
