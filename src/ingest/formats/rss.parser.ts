import type { RawPosting } from '../posting';
import { splitCompanyTitle } from './company-title';
import { pick, type FeedFormat } from './format';
import { readXmlRecords, type XmlReadState, type XmlRecord } from './xml-records';

/** RSS 2.0 (and RDF 1.0) job feeds, with content:encoded, WP Job Manager's job_listing: fields and "Company: Title" items. */
export const rssFormat: FeedFormat = {
  name: 'rss',
  description: 'an RSS 2.0 feed',
  async *parse(text, report) {
    const state: XmlReadState = { openElements: 0 };
    for await (const record of readXmlRecords(text, 'item', state)) yield toRawPosting(record);
    if (state.openElements > 0)
      report.warnings.push('the document ends before its closing tags: it was cut short');
  },
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
