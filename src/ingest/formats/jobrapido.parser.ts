import type { RawPosting } from '../../domain/posting';
import { dayFirstDate, joinParts, pick, type FeedFormat } from './format';
import { readXmlPostings, type XmlRecord } from './xml-records';

/**
 * Jobrapido's XML (`<source><jobs><job>`): Indeed-like names, but `<publishdate>` and `<expirydate>` are
 * DD/MM/YYYY, so "03/11/2026" is the 3rd of November here, not March the 11th.
 */
export const jobrapidoFormat: FeedFormat = {
  name: 'jobrapido',
  description: 'a Jobrapido XML feed',
  parse: (text, report) => readXmlPostings(text, 'job', report, toRawPosting),
};

function toRawPosting(job: XmlRecord): RawPosting {
  return {
    externalId: pick(job, 'reference_id', 'referencenumber', 'id'),
    title: pick(job, 'title'),
    company: pick(job, 'company'),
    description: pick(job, 'description'),
    url: pick(job, 'url'),
    date: dayFirstDate(pick(job, 'publishdate')),
    validThrough: dayFirstDate(pick(job, 'expirydate')),
    location: joinParts(pick(job, 'location'), pick(job, 'state'), pick(job, 'country')),
    employmentType: pick(job, 'jobtype'),
    salary: pick(job, 'salary'),
  };
}
