import type { RawPosting } from '../../domain/posting';
import { salaryText } from './format';
import { arrayAt, jsonListFormat, objectAt, scalarText, textAt, type JsonObject } from './json-format';

/**
 * Recruitee careers site API, `GET https://{company}.recruitee.com/api/offers/`:
 * `{ offers: [{ id, slug, title, company_name, description, requirements, location, remote, careers_url,
 * published_at, close_at, employment_type_code, salary: { min, max, currency, period } }] }`.
 */
export const recruiteeFormat = jsonListFormat({
  name: 'recruitee',
  description: 'a Recruitee offers list',
  items: (document) => arrayAt(document, 'offers'),
  itemKeys: ['careers_url', 'title'],
  toRawPosting,
});

function toRawPosting(offer: JsonObject): RawPosting {
  const salary = objectAt(offer, 'salary');
  const remote = offer['remote'];
  return {
    externalId: textAt(offer, 'id') ?? textAt(offer, 'slug'),
    title: textAt(offer, 'title'),
    company: textAt(offer, 'company_name'),
    description:
      [textAt(offer, 'description'), textAt(offer, 'requirements')].filter(Boolean).join(' ') || undefined,
    url: textAt(offer, 'careers_url') ?? textAt(offer, 'careers_apply_url'),
    date: textAt(offer, 'published_at') ?? textAt(offer, 'created_at'),
    validThrough: textAt(offer, 'close_at'),
    location: textAt(offer, 'location'),
    remote: typeof remote === 'boolean' ? scalarText(remote) : undefined,
    employmentType: textAt(offer, 'employment_type_code'),
    salary: salaryText(
      textAt(salary, 'min'),
      textAt(salary, 'max'),
      textAt(salary, 'currency'),
      textAt(salary, 'period'),
    ),
  };
}
