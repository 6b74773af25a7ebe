import type { RawPosting } from '../../domain/posting';
import { arrayAt, isObject, jsonFormat, objects, textAt, utcTimestamp, type JsonObject } from './json-format';

/**
 * Remotive's public API, `GET https://remotive.com/api/remote-jobs`: `{ "00-warning", "0-legal-notice", "job-count",
 * "total-job-count", jobs: [{ id, url, title, company_name, company_logo, category, tags, job_type, publication_date
 * (UTC, no offset), candidate_required_location, salary (free text), description (HTML) }] }`, often served with a
 * UTF-8 byte-order mark. Every job on the board is remote; `candidate_required_location` is where the candidate must
 * live. Not read: `category`, `tags`, `company_logo`.
 */
export const remotiveFormat = jsonFormat({
  name: 'remotive',
  description: 'a Remotive remote jobs API response',
  matches: (document) => {
    const first = arrayAt(document, 'jobs')?.[0];
    return (
      (isObject(document) && '0-legal-notice' in document && Array.isArray(document['jobs'])) ||
      (isObject(first) && 'candidate_required_location' in first)
    );
  },
  read: (document) => objects(arrayAt(document, 'jobs')).map(toRawPosting),
});

function toRawPosting(job: JsonObject): RawPosting {
  return {
    externalId: textAt(job, 'id'),
    title: textAt(job, 'title'),
    company: textAt(job, 'company_name'),
    description: textAt(job, 'description'),
    url: textAt(job, 'url'),
    date: utcTimestamp(textAt(job, 'publication_date')),
    location: textAt(job, 'candidate_required_location'),
    remote: 'remote',
    employmentType: textAt(job, 'job_type'),
    salary: textAt(job, 'salary'),
  };
}
