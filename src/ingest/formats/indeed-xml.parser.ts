import type { RawPosting } from '../posting';
import { joinParts, pick, type FeedFormat } from './format';
import { applyMapping } from './mapping';
import { readXmlRecords, type XmlReadState, type XmlRecord } from './xml-records';

/** Indeed-style XML (`<source><job>…`) and the variants other job distributors send. */
export const indeedXmlFormat: FeedFormat = {
  name: 'indeed-xml',
  description: 'an Indeed-style XML feed',
  async *parse(text, report, options) {
    const state: XmlReadState = { openElements: 0 };
    for await (const record of readXmlRecords(text, 'job', state))
      yield applyMapping(toRawPosting(record), record, options?.mapping);
    if (state.openElements > 0)
      report.warnings.push('the document ends before its closing tags: it was cut short');
  },
};

function toRawPosting(job: XmlRecord): RawPosting {
  return {
    externalId: pick(
      job,
      'referencenumber',
      'job_reference',
      'reference',
      'requisitionid',
      'id',
      'guid',
      'jobid',
    ),
    title: pick(job, 'title', 'job_title', 'jobtitle', 'position'),
    company: pick(job, 'company', 'employer', 'company_name', 'companyname', 'hiring_organization'),
    description: pick(job, 'description', 'body', 'job_description', 'summary'),
    url: pick(job, 'url', 'apply_url', 'link', 'joburl', 'application_url'),
    date: pick(job, 'date', 'posted_at', 'dateposted', 'date_posted', 'pubdate', 'created_at'),
    validThrough: pick(job, 'expirationdate', 'expiration_date', 'valid_through', 'validthrough', 'expires'),
    location:
      pick(job, 'location', 'job_location') ??
      joinParts(pick(job, 'city'), pick(job, 'state', 'region'), pick(job, 'country')),
    remote: pick(job, 'remote', 'telecommute', 'remotetype', 'workplace_type', 'workplacetype'),
    employmentType: pick(job, 'jobtype', 'job_type', 'employment_type', 'employmenttype', 'type'),
    salary: pick(job, 'salary', 'compensation', 'pay'),
  };
}
