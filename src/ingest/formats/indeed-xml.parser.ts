import type { RawPosting } from '../../domain/posting';
import { fieldPicker } from './field-picker';
import { joinParts, salaryText, type FeedFormat } from './format';
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

const pickFields = fieldPicker({
  description: DESCRIPTION_KEYS,
  externalId: EXTERNAL_ID_KEYS,
  title: TITLE_KEYS,
  company: COMPANY_KEYS,
  url: URL_KEYS,
  date: DATE_KEYS,
  validThrough: VALID_THROUGH_KEYS,
  city: CITY_KEYS,
  region: REGION_KEYS,
  country: COUNTRY_KEYS,
  remote: REMOTE_KEYS,
  salaryMin: SALARY_MIN_KEYS,
  salaryMax: SALARY_MAX_KEYS,
  salaryCurrency: SALARY_CURRENCY_KEYS,
  salaryPeriod: SALARY_PERIOD_KEYS,
  salary: SALARY_KEYS,
  jobType: JOB_TYPE_KEYS,
  workingHours: WORKING_HOURS_KEYS,
  nestedCity: NESTED_CITY_KEYS,
  nestedRegion: NESTED_REGION_KEYS,
  nestedCountry: NESTED_COUNTRY_KEYS,
  listedCity: LISTED_CITY_KEYS,
  listedRegion: LISTED_REGION_KEYS,
  listedCountry: LISTED_COUNTRY_KEYS,
  flatLocation: FLAT_LOCATION_KEYS,
  flatCity: FLAT_CITY_KEYS,
  flatRegion: FLAT_REGION_KEYS,
  flatCountry: FLAT_COUNTRY_KEYS,
});
type IndeedFields = ReturnType<typeof pickFields>;

function toRawPosting(job: XmlRecord): RawPosting {
  const fields = pickFields(job);
  const { description } = fields;
  return {
    externalId: fields.externalId,
    title: fields.title,
    company: fields.company,
    description: job.partnerjobid ? description?.replace(LINKEDIN_TAGS, '') : description,
    url: fields.url,
    date: fields.date,
    validThrough: fields.validThrough,
    location: locationOf(fields),
    city: fields.city,
    region: fields.region,
    country: fields.country,
    remote: fields.remote,
    employmentType: employmentTypeOf(fields),
    salary:
      salaryText(
        fields.salaryMin,
        fields.salaryMax,
        fields.salaryCurrency,
        // Jora names the period <type> (hourly, annual); LinkedIn's <salary><type> is BASE_SALARY, under <salaries>.
        fields.salaryPeriod,
      ) ?? fields.salary,
  };
}

/** The job type; a "permanent" contract type says nothing of the hours, so Careerjet's working_hours decides then. */
function employmentTypeOf({ jobType, workingHours }: IndeedFields): string | undefined {
  return !jobType || /^permanent$/i.test(jobType) ? (workingHours ?? jobType) : jobType;
}

/**
 * A nested `<location><city/>…</location>` or the first of `<locations><location>…`, a flat location element, or
 * separate city/state/country elements.
 */
function locationOf(fields: IndeedFields): string | undefined {
  return (
    joinParts(fields.nestedCity, fields.nestedRegion, fields.nestedCountry) ??
    joinParts(fields.listedCity, fields.listedRegion, fields.listedCountry) ??
    fields.flatLocation ??
    joinParts(fields.flatCity, fields.flatRegion, fields.flatCountry)
  );
}
