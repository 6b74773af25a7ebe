import type { RawPosting } from '../../domain/posting';
import { arrayAt, jsonListFormat, objectAt, textAt, type JsonObject } from './json-format';

/**
 * Greenhouse job board API, `GET https://boards-api.greenhouse.io/v1/boards/{token}/jobs?content=true`:
 * `{ jobs: [{ id, title, absolute_url, updated_at, first_published, location: { name }, content, company_name }] }`.
 * `content` is HTML with its entities escaped once more ("&lt;p&gt;"); the text normalizer undoes both levels.
 */
export const greenhouseFormat = jsonListFormat({
  name: 'greenhouse',
  description: 'a Greenhouse job board',
  items: (document) => arrayAt(document, 'jobs'),
  itemKeys: ['absolute_url', 'title'],
  toRawPosting,
});

function toRawPosting(job: JsonObject): RawPosting {
  return {
    externalId: textAt(job, 'id') ?? textAt(job, 'internal_job_id'),
    title: textAt(job, 'title'),
    company: textAt(job, 'company_name'),
    description: textAt(job, 'content'),
    url: textAt(job, 'absolute_url'),
    date: textAt(job, 'first_published') ?? textAt(job, 'updated_at'),
    location: textAt(objectAt(job, 'location'), 'name'),
  };
}
