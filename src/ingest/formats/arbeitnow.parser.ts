import type { RawPosting } from '../../domain/posting';
import { arrayAt, jsonListFormat, scalarText, textAt, textsAt, type JsonObject } from './json-format';

/**
 * Arbeitnow's job board API, `GET https://www.arbeitnow.com/api/job-board-api`: `{ data: [{ slug, company_name,
 * title, description (HTML), remote (boolean), url, tags, job_types, location, created_at (epoch seconds) }],
 * links: { first, last, prev, next }, meta: { current_page, per_page, … } }`, paged by `links.next`. A board of
 * European, mostly on-site jobs: `remote` says which are not. Not read: `tags` (categories such as "Software
 * Development"); only the first page (jobfeed fetches one URL per feed).
 */
export const arbeitnowFormat = jsonListFormat({
  name: 'arbeitnow',
  description: 'an Arbeitnow job board API response',
  items: (document) => arrayAt(document, 'data'),
  itemKeys: ['slug', 'company_name', 'title'],
  toRawPosting,
});

function toRawPosting(job: JsonObject): RawPosting {
  const remote = job['remote'];
  return {
    externalId: textAt(job, 'slug'),
    title: textAt(job, 'title'),
    company: textAt(job, 'company_name'),
    description: textAt(job, 'description'),
    url: textAt(job, 'url'),
    date: textAt(job, 'created_at'),
    location: textAt(job, 'location'),
    remote: typeof remote === 'boolean' ? scalarText(remote) : undefined,
    employmentType: textsAt(job, 'job_types'),
  };
}
