import type { RawPosting } from '../../domain/posting';
import { salaryText } from './format';
import { arrayAt, jsonListFormat, textAt, textsAt, type JsonObject } from './json-format';

const SALARY_PERIODS: Record<string, string> = {
  annual: 'year',
  yearly: 'year',
  monthly: 'month',
  weekly: 'week',
  daily: 'day',
  hourly: 'hour',
};

/**
 * Himalayas' remote jobs API, `GET https://himalayas.app/jobs/api` (and `/jobs/api/search`): `{ comments, updatedAt,
 * offset, limit, totalCount, nextCursor, jobs: [{ title, excerpt, companyName, companySlug, companyLogo,
 * employmentType ("Full Time"), minSalary, maxSalary, salaryPeriod, currency, seniority, locationRestrictions
 * (countries; empty for worldwide), timezoneRestrictions, categories, parentCategories, description (HTML), pubDate
 * and expiryDate (epoch seconds), applicationLink, guid }] }`. Every job on the board is remote. Not read: `seniority`,
 * `timezoneRestrictions`, `categories`, `companySlug`/`companyLogo`; only the first page (`nextCursor` pages on).
 */
export const himalayasFormat = jsonListFormat({
  name: 'himalayas',
  description: 'a Himalayas remote jobs API response',
  items: (document) => arrayAt(document, 'jobs'),
  itemKeys: ['companyName', 'guid'],
  toRawPosting,
});

function toRawPosting(job: JsonObject): RawPosting {
  return {
    externalId: textAt(job, 'guid'),
    title: textAt(job, 'title'),
    company: textAt(job, 'companyName'),
    description: textAt(job, 'description') ?? textAt(job, 'excerpt'),
    url: textAt(job, 'applicationLink') ?? textAt(job, 'guid'),
    date: textAt(job, 'pubDate'),
    validThrough: textAt(job, 'expiryDate'),
    location: textsAt(job, 'locationRestrictions'),
    remote: 'remote',
    employmentType: textAt(job, 'employmentType'),
    salary: salaryText(
      textAt(job, 'minSalary'),
      textAt(job, 'maxSalary'),
      textAt(job, 'currency'),
      SALARY_PERIODS[textAt(job, 'salaryPeriod')?.toLowerCase() ?? ''],
    ),
  };
}
