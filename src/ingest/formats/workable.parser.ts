import type { RawPosting } from '../../domain/posting';
import { joinParts } from './format';
import { arrayAt, jsonListFormat, scalarText, textAt, type JsonObject } from './json-format';

/**
 * Workable's public jobs widget API, `GET https://apply.workable.com/api/v1/widget/accounts/{subdomain}?details=true`:
 * `{ name, jobs: [{ shortcode, title, url, shortlink, application_url, published_on, created_at, city, state,
 * country, telecommuting, employment_type, description }] }`; the account's `name` is the company.
 */
export const workableFormat = jsonListFormat({
  name: 'workable',
  description: 'a Workable jobs widget',
  items: (document) => arrayAt(document, 'jobs'),
  itemKeys: ['shortcode', 'title'],
  toRawPosting: (job, document) => toRawPosting(job, textAt(document, 'name')),
});

function toRawPosting(job: JsonObject, company: string | undefined): RawPosting {
  const telecommuting = job['telecommuting'];
  return {
    externalId: textAt(job, 'shortcode'),
    title: textAt(job, 'title'),
    company,
    description: textAt(job, 'description'),
    url: textAt(job, 'url') ?? textAt(job, 'shortlink') ?? textAt(job, 'application_url'),
    date: textAt(job, 'published_on') ?? textAt(job, 'created_at'),
    location: joinParts(textAt(job, 'city'), textAt(job, 'state'), textAt(job, 'country')),
    city: textAt(job, 'city'),
    region: textAt(job, 'state'),
    country: textAt(job, 'country'),
    remote: typeof telecommuting === 'boolean' ? scalarText(telecommuting) : undefined,
    employmentType: textAt(job, 'employment_type'),
  };
}
