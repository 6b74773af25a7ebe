import type { RawPosting } from '../posting';
import { pick, type FeedFormat } from './format';
import { applyMapping } from './mapping';
import { readXmlRecords, type XmlReadState, type XmlRecord } from './xml-records';

const COMPANY_PREFIXED_TITLE = /^([^:]{2,80}):\s+(.+)$/;
const LABEL_PREFIX = /^(job\s+title|title|position|job)$/i;

/** RSS 2.0 job feeds, with content:encoded and WP Job Manager's job_listing: fields. */
export const rssFormat: FeedFormat = {
  name: 'rss',
  description: 'an RSS 2.0 feed',
  async *parse(text, report, options) {
    const state: XmlReadState = { openElements: 0 };
    for await (const record of readXmlRecords(text, 'item', state))
      yield applyMapping(toRawPosting(record), record, options?.mapping);
    if (state.openElements > 0)
      report.warnings.push('the document ends before its closing tags: it was cut short');
  },
};

function toRawPosting(item: XmlRecord): RawPosting {
  let title = pick(item, 'title');
  let company = pick(item, 'job_listing:company', 'company', 'dc:creator:company');
  const boardTitle = title && !company ? COMPANY_PREFIXED_TITLE.exec(title) : null;
  if (boardTitle && !LABEL_PREFIX.test(boardTitle[1]!.trim())) {
    company = boardTitle[1]!.trim();
    title = boardTitle[2];
  }
  return {
    externalId: pick(item, 'guid', 'job_listing:id', 'id'),
    title,
    company,
    description: pick(item, 'content:encoded', 'description'),
    url: pick(item, 'link', 'guid'),
    date: pick(item, 'pubdate', 'dc:date', 'published'),
    validThrough: pick(item, 'job_listing:expires', 'expires'),
    location: pick(item, 'job_listing:location', 'location'),
    remote: pick(item, 'job_listing:remote_position', 'remote'),
    employmentType: pick(item, 'job_listing:job_type', 'job_type', 'jobtype'),
    salary: pick(item, 'job_listing:salary', 'salary'),
  };
}
