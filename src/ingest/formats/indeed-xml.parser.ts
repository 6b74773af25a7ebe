import type { RawPosting } from '../posting';
import { joinParts, pick, salaryText, type FeedFormat } from './format';
import { readXmlPostings, type XmlRecord } from './xml-records';

/** The element each posting sits in: Indeed's `<job>` and the names other job distributors use. */
export const INDEED_RECORD_NAMES: ReadonlySet<string> = new Set([
  'job',
  'vacancy',
  'posting',
  'job_posting',
  'jobposting',
  'joblisting',
]);

/** Indeed-style XML (`<source><job>…`) and the variants other job distributors send. */
export const indeedXmlFormat: FeedFormat = {
  name: 'indeed-xml',
  description: 'an Indeed-style XML feed',
  parse: (text, report) => readXmlPostings(text, INDEED_RECORD_NAMES, report, toRawPosting),
};

function toRawPosting(job: XmlRecord): RawPosting {
  return {
    externalId: pick(
      job,
      'referencenumber',
      'job_reference',
      'reference',
      'reference_number',
      'requisitionid',
      'job_id',
      'jobid',
      'id',
      'guid',
      '@id',
    ),
    title: pick(job, 'title', 'job_title', 'jobtitle', 'position', 'name'),
    company: pick(
      job,
      'company',
      'employer',
      'company_name',
      'companyname',
      'hiring_organization',
      'hiringorganization',
      'advertiser',
    ),
    description: pick(job, 'description', 'body', 'job_description', 'jobdescription', 'content', 'summary'),
    url: pick(job, 'url', 'apply_url', 'applyurl', 'link', 'joburl', 'job_url', 'application_url'),
    date: pick(
      job,
      'date',
      'posted_at',
      'dateposted',
      'date_posted',
      'posted_date',
      'pubdate',
      'publish_date',
      'created_at',
    ),
    validThrough: pick(
      job,
      'expirationdate',
      'expiration_date',
      'expiry_date',
      'expires_at',
      'valid_through',
      'validthrough',
      'expires',
    ),
    location: locationOf(job),
    city: pick(job, 'location/city', 'city'),
    region: pick(job, 'location/state', 'location/region', 'state', 'region'),
    country: pick(job, 'location/country', 'country'),
    remote: pick(
      job,
      'remote',
      'telecommute',
      'remotetype',
      'remote_type',
      'workplace_type',
      'workplacetype',
    ),
    employmentType: pick(
      job,
      'jobtype',
      'job_type',
      'employment_type',
      'employmenttype',
      'contract_type',
      'type',
    ),
    salary:
      salaryText(
        pick(job, 'salary/min', 'salary/minimum', 'salary_min', 'salarymin', 'min_salary'),
        pick(job, 'salary/max', 'salary/maximum', 'salary_max', 'salarymax', 'max_salary'),
        pick(job, 'salary/currency', 'salary_currency', 'currency'),
        pick(job, 'salary/period', 'salary/unit', 'salary_period', 'salary_unit'),
      ) ?? pick(job, 'salary', 'compensation', 'pay'),
  };
}

/** A flat location element, a nested `<location><city/>…</location>`, or separate city/state/country elements. */
function locationOf(job: XmlRecord): string | undefined {
  const nested = joinParts(
    pick(job, 'location/city'),
    pick(job, 'location/state', 'location/region'),
    pick(job, 'location/country'),
  );
  return (
    nested ??
    pick(job, 'location', 'job_location', 'joblocation') ??
    joinParts(pick(job, 'city'), pick(job, 'state', 'region'), pick(job, 'country'))
  );
}
