import type { RawPosting } from '../../domain/posting';
import type { ParseReport } from './format';
import { salaryText } from './format';
import { isObject, jsonFormat, textAt, textsAt, type JsonObject } from './json-format';

/**
 * Remote OK's public API, `GET https://remoteok.com/api`: a JSON array whose first item is the API's legal notice
 * (`{ last_updated, legal }`), then `{ slug, id, epoch, date, company, company_logo, position, tags, description,
 * location, apply_url, salary_min, salary_max, logo, url }` for each job. Every job on the board is remote. Items
 * with neither a position nor a url are empty stubs, skipped like the notice rather than rejected as postings.
 * Not read: `company_logo`/`logo`, `slug`, `apply_url` (the same page as `url` on the board), and `tags`, which
 * only feed the employment type ("part time", "contract").
 */
export const remoteOkFormat = jsonFormat({
  name: 'remoteok',
  description: 'a Remote OK jobs API response',
  matches: (document) =>
    Array.isArray(document) &&
    document
      .slice(0, 2)
      .some((item) => isObject(item) && ('legal' in item || ('position' in item && 'epoch' in item))),
  read: (document, report) => readJobs(document as unknown[], report),
});

function* readJobs(items: unknown[], report: ParseReport): Generator<RawPosting> {
  let stubs = 0;
  for (const item of items) {
    if (isObject(item) && 'legal' in item && !('position' in item)) continue;
    if (!isObject(item) || (!textAt(item, 'position') && !textAt(item, 'url'))) {
      stubs++;
      continue;
    }
    yield toRawPosting(item);
  }
  if (stubs) report.warnings.push(`${stubs} empty item(s) with neither a position nor a url were skipped`);
}

function toRawPosting(job: JsonObject): RawPosting {
  const salaryMin = positiveAmount(job['salary_min']);
  const salaryMax = positiveAmount(job['salary_max']);
  return {
    externalId: textAt(job, 'id') ?? textAt(job, 'slug'),
    title: textAt(job, 'position'),
    company: textAt(job, 'company'),
    description: textAt(job, 'description'),
    url: textAt(job, 'url') ?? textAt(job, 'apply_url'),
    date: textAt(job, 'epoch') ?? textAt(job, 'date'),
    location: textAt(job, 'location'),
    remote: 'remote',
    employmentType: employmentTag(textsAt(job, 'tags')),
    salary: salaryText(salaryMin, salaryMax, salaryMin || salaryMax ? 'USD' : undefined, 'year'),
  };
}

/** Remote OK writes 0 for "no salary given". */
function positiveAmount(value: unknown): string | undefined {
  const amount = typeof value === 'string' ? Number(value) : value;
  return typeof amount === 'number' && amount > 0 ? String(amount) : undefined;
}

const EMPLOYMENT_TAG = /\b(full[ -]?time|part[ -]?time|contract(or)?|freelance|internship|temporary)\b/i;

/** The tag that names an employment type, if any: the rest are skills and roles. */
function employmentTag(tags: string | undefined): string | undefined {
  return tags ? EMPLOYMENT_TAG.exec(tags)?.[0] : undefined;
}
