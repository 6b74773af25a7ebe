import type { RawPosting } from '../../domain/posting';
import { dayFirstDate, pick, type FeedFormat } from './format';
import { readXmlPostings, type XmlRecord } from './xml-records';

/**
 * Jooble's XML (`<job id="…">` with `<name>`, `<link>`, `<region>`): the id is an attribute of the job, and its
 * specification writes `<pubdate>`, `<updated>` and `<expire>` day first (DD.MM.YYYY).
 */
export const joobleFormat: FeedFormat = {
  name: 'jooble',
  description: 'a Jooble XML feed',
  parse: (text, report) => readXmlPostings(text, 'job', report, toRawPosting),
};

function toRawPosting(job: XmlRecord): RawPosting {
  return {
    externalId: pick(job, '@id', 'id'),
    title: pick(job, 'name', 'title'),
    company: pick(job, 'company'),
    description: pick(job, 'description'),
    url: pick(job, 'link', 'url'),
    date: dayFirstDate(pick(job, 'pubdate', 'updated')),
    validThrough: dayFirstDate(pick(job, 'expire')),
    location: pick(job, 'region'),
    employmentType: pick(job, 'jobtype'),
    salary: pick(job, 'salary'),
  };
}
