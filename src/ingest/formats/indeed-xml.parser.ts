import type { RawPosting } from '../../domain/posting';
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

/** Kept apart per occurrence: the first of several `<locations><location>` or `<salaries><salary>` is read. */
const LIST_ITEMS: ReadonlySet<string> = new Set(['location', 'salary']);
/** LinkedIn's job-wrapping hashtags ("#LI-Remote", "#LI-DN1") in a description: routing tags, not prose. */
const LINKEDIN_TAGS = /#LI-[A-Za-z0-9]+/g;

/**
 * Indeed-style XML (`<source><job>…`) and the variants other job distributors send: ZipRecruiter, Talent.com,
 * LinkedIn (`partnerJobId`, `applyUrl`, `workplaceTypes`, `<salaries>`), Careerjet, Jora (`listed_date`,
 * `closing_date`) and Teamtailor-style exports (`html_description`, `published_at`, `<locations>`).
 */
export const indeedXmlFormat: FeedFormat = {
  name: 'indeed-xml',
  description: 'an Indeed-style XML feed',
  parse: (text, report) =>
    readXmlPostings(text, INDEED_RECORD_NAMES, report, toRawPosting, { listItems: LIST_ITEMS }),
};

function toRawPosting(job: XmlRecord): RawPosting {
  const description = pick(
    job,
    'description',
    'html_description',
    'body',
    'job_description',
    'jobdescription',
    'content',
    'summary',
  );
  return {
    externalId: pick(
      job,
      'referencenumber',
      'partnerjobid',
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
      'organisation',
      'organization',
    ),
    description: job.partnerjobid ? description?.replace(LINKEDIN_TAGS, '') : description,
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
      'published_at',
      'listed_date',
      'created_at',
    ),
    validThrough: pick(
      job,
      'expirationdate',
      'expiration_date',
      'expiry_date',
      'expires_at',
      'closing_date',
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
      'workplacetypes',
    ),
    employmentType: employmentTypeOf(job),
    salary:
      salaryText(
        pick(
          job,
          'salary/min',
          'salary/minimum',
          'salaries/salary/lowend/amount',
          'salary_min',
          'salarymin',
          'min_salary',
        ),
        pick(
          job,
          'salary/max',
          'salary/maximum',
          'salaries/salary/highend/amount',
          'salary_max',
          'salarymax',
          'max_salary',
        ),
        pick(
          job,
          'salary/currency',
          'salaries/salary/lowend/currencycode',
          'salaries/salary/highend/currencycode',
          'salary_currency',
          'currency',
        ),
        // Jora names the period <type> (hourly, annual); LinkedIn's <salary><type> is BASE_SALARY, under <salaries>.
        pick(
          job,
          'salary/period',
          'salary/unit',
          'salary/type',
          'salaries/salary/period',
          'salary_period',
          'salary_unit',
        ),
      ) ?? pick(job, 'salary', 'compensation', 'pay'),
  };
}

/** The job type; a "permanent" contract type says nothing of the hours, so Careerjet's working_hours decides then. */
function employmentTypeOf(job: XmlRecord): string | undefined {
  const type = pick(job, 'jobtype', 'job_type', 'employment_type', 'employmenttype', 'contract_type', 'type');
  const hours = pick(job, 'working_hours');
  return !type || /^permanent$/i.test(type) ? (hours ?? type) : type;
}

/**
 * A nested `<location><city/>…</location>` or the first of `<locations><location>…`, a flat location element, or
 * separate city/state/country elements.
 */
function locationOf(job: XmlRecord): string | undefined {
  const nested =
    joinParts(
      pick(job, 'location/city'),
      pick(job, 'location/state', 'location/region'),
      pick(job, 'location/country'),
    ) ??
    joinParts(
      pick(job, 'locations/location/city'),
      pick(job, 'locations/location/state', 'locations/location/region'),
      pick(job, 'locations/location/country'),
    );
  return (
    nested ??
    pick(job, 'location', 'job_location', 'joblocation') ??
    joinParts(pick(job, 'city'), pick(job, 'state', 'region'), pick(job, 'country'))
  );
}
