import type { RawPosting } from '../../domain/posting';
import { salaryText } from './format';
import { arrayAt, jsonListFormat, textAt, textsAt, utcTimestamp, type JsonObject } from './json-format';

/**
 * Jobicy's remote jobs API, `GET https://jobicy.com/api/v2/remote-jobs`: `{ apiVersion, documentationUrl,
 * friendlyNotice, jobCount, xRayHash, clientKey, lastUpdate, jobs: [{ id, url, jobSlug, jobTitle, companyName,
 * companyLogo, jobIndustry, jobType (["full-time"]), jobGeo ("Anywhere", "USA"), jobLevel, jobExcerpt, jobDescription
 * (HTML), pubDate ("2026-11-24 08:15:00", no offset), annualSalaryMin, annualSalaryMax, salaryCurrency }] }`. Titles
 * and excerpts carry HTML entities ("&#8211;"). Every job on the board is remote; `pubDate` is read as UTC.
 * Not read: `jobIndustry`, `jobLevel`, `companyLogo`.
 */
export const jobicyFormat = jsonListFormat({
  name: 'jobicy',
  description: 'a Jobicy remote jobs API response',
  items: (document) => arrayAt(document, 'jobs'),
  itemKeys: ['jobTitle', 'companyName'],
  toRawPosting,
});

function toRawPosting(job: JsonObject): RawPosting {
  return {
    externalId: textAt(job, 'id') ?? textAt(job, 'jobSlug'),
    title: textAt(job, 'jobTitle'),
    company: textAt(job, 'companyName'),
    description: textAt(job, 'jobDescription') ?? textAt(job, 'jobExcerpt'),
    url: textAt(job, 'url'),
    date: utcTimestamp(textAt(job, 'pubDate')),
    location: textAt(job, 'jobGeo'),
    remote: 'remote',
    employmentType: textsAt(job, 'jobType') ?? textAt(job, 'jobType'),
    salary: salaryText(
      textAt(job, 'annualSalaryMin'),
      textAt(job, 'annualSalaryMax'),
      textAt(job, 'salaryCurrency'),
      'year',
    ),
  };
}
