import type { RawPosting } from '../../domain/posting';
import { joinParts, pickIn, salaryText, type FeedFormat } from './format';
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

/** The fields each posting value is picked from, first non-empty wins: made once, not per posting. */
const DESCRIPTION_KEYS: readonly string[] = [
  'description',
  'html_description',
  'body',
  'job_description',
  'jobdescription',
  'content',
  'summary',
];
const EXTERNAL_ID_KEYS: readonly string[] = [
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
];
const TITLE_KEYS: readonly string[] = ['title', 'job_title', 'jobtitle', 'position', 'name'];
const COMPANY_KEYS: readonly string[] = [
  'company',
  'employer',
  'company_name',
  'companyname',
  'hiring_organization',
  'hiringorganization',
  'advertiser',
  'organisation',
  'organization',
];
const URL_KEYS: readonly string[] = [
  'url',
  'apply_url',
  'applyurl',
  'link',
  'joburl',
  'job_url',
  'application_url',
];
const DATE_KEYS: readonly string[] = [
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
];
const VALID_THROUGH_KEYS: readonly string[] = [
  'expirationdate',
  'expiration_date',
  'expiry_date',
  'expires_at',
  'closing_date',
  'valid_through',
  'validthrough',
  'expires',
];
const CITY_KEYS: readonly string[] = ['location/city', 'city'];
const REGION_KEYS: readonly string[] = ['location/state', 'location/region', 'state', 'region'];
const COUNTRY_KEYS: readonly string[] = ['location/country', 'country'];
const REMOTE_KEYS: readonly string[] = [
  'remote',
  'telecommute',
  'remotetype',
  'remote_type',
  'workplace_type',
  'workplacetype',
  'workplacetypes',
];
const SALARY_MIN_KEYS: readonly string[] = [
  'salary/min',
  'salary/minimum',
  'salaries/salary/lowend/amount',
  'salary_min',
  'salarymin',
  'min_salary',
];
const SALARY_MAX_KEYS: readonly string[] = [
  'salary/max',
  'salary/maximum',
  'salaries/salary/highend/amount',
  'salary_max',
  'salarymax',
  'max_salary',
];
const SALARY_CURRENCY_KEYS: readonly string[] = [
  'salary/currency',
  'salaries/salary/lowend/currencycode',
  'salaries/salary/highend/currencycode',
  'salary_currency',
  'currency',
];
const SALARY_PERIOD_KEYS: readonly string[] = [
  'salary/period',
  'salary/unit',
  'salary/type',
  'salaries/salary/period',
  'salary_period',
  'salary_unit',
];
const SALARY_KEYS: readonly string[] = ['salary', 'compensation', 'pay'];
const JOB_TYPE_KEYS: readonly string[] = [
  'jobtype',
  'job_type',
  'employment_type',
  'employmenttype',
  'contract_type',
  'type',
];
const WORKING_HOURS_KEYS: readonly string[] = ['working_hours'];
const NESTED_CITY_KEYS: readonly string[] = ['location/city'];
const NESTED_REGION_KEYS: readonly string[] = ['location/state', 'location/region'];
const NESTED_COUNTRY_KEYS: readonly string[] = ['location/country'];
const LISTED_CITY_KEYS: readonly string[] = ['locations/location/city'];
const LISTED_REGION_KEYS: readonly string[] = ['locations/location/state', 'locations/location/region'];
const LISTED_COUNTRY_KEYS: readonly string[] = ['locations/location/country'];
const FLAT_LOCATION_KEYS: readonly string[] = ['location', 'job_location', 'joblocation'];
const FLAT_CITY_KEYS: readonly string[] = ['city'];
const FLAT_REGION_KEYS: readonly string[] = ['state', 'region'];
const FLAT_COUNTRY_KEYS: readonly string[] = ['country'];

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
  const description = pickIn(job, DESCRIPTION_KEYS);
  return {
    externalId: pickIn(job, EXTERNAL_ID_KEYS),
    title: pickIn(job, TITLE_KEYS),
    company: pickIn(job, COMPANY_KEYS),
    description: job.partnerjobid ? description?.replace(LINKEDIN_TAGS, '') : description,
    url: pickIn(job, URL_KEYS),
    date: pickIn(job, DATE_KEYS),
    validThrough: pickIn(job, VALID_THROUGH_KEYS),
    location: locationOf(job),
    city: pickIn(job, CITY_KEYS),
    region: pickIn(job, REGION_KEYS),
    country: pickIn(job, COUNTRY_KEYS),
    remote: pickIn(job, REMOTE_KEYS),
    employmentType: employmentTypeOf(job),
    salary:
      salaryText(
        pickIn(job, SALARY_MIN_KEYS),
        pickIn(job, SALARY_MAX_KEYS),
        pickIn(job, SALARY_CURRENCY_KEYS),
        // Jora names the period <type> (hourly, annual); LinkedIn's <salary><type> is BASE_SALARY, under <salaries>.
        pickIn(job, SALARY_PERIOD_KEYS),
      ) ?? pickIn(job, SALARY_KEYS),
  };
}

/** The job type; a "permanent" contract type says nothing of the hours, so Careerjet's working_hours decides then. */
function employmentTypeOf(job: XmlRecord): string | undefined {
  const type = pickIn(job, JOB_TYPE_KEYS);
  const hours = pickIn(job, WORKING_HOURS_KEYS);
  return !type || /^permanent$/i.test(type) ? (hours ?? type) : type;
}

/**
 * A nested `<location><city/>…</location>` or the first of `<locations><location>…`, a flat location element, or
 * separate city/state/country elements.
 */
function locationOf(job: XmlRecord): string | undefined {
  const nested =
    joinParts(
      pickIn(job, NESTED_CITY_KEYS),
      pickIn(job, NESTED_REGION_KEYS),
      pickIn(job, NESTED_COUNTRY_KEYS),
    ) ??
    joinParts(
      pickIn(job, LISTED_CITY_KEYS),
      pickIn(job, LISTED_REGION_KEYS),
      pickIn(job, LISTED_COUNTRY_KEYS),
    );
  return (
    nested ??
    pickIn(job, FLAT_LOCATION_KEYS) ??
    joinParts(pickIn(job, FLAT_CITY_KEYS), pickIn(job, FLAT_REGION_KEYS), pickIn(job, FLAT_COUNTRY_KEYS))
  );
}
