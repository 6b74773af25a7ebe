import type { RawPosting } from '../../domain/posting';
import { salaryText } from './format';
import {
  arrayAt,
  firstItemHas,
  isObject,
  jsonListFormat,
  objectAt,
  textAt,
  type JsonObject,
} from './json-format';

/** Lever salary intervals -> the words the salary normalizer reads. */
const INTERVALS: Record<string, string> = {
  'per-year-salary': 'year',
  'per-month-salary': 'month',
  'per-week-salary': 'week',
  'per-day-wage': 'day',
  'per-hour-wage': 'hour',
};

/**
 * Lever postings API, `GET https://api.lever.co/v0/postings/{company}?mode=json`: an array of
 * `{ id, text, hostedUrl, createdAt (epoch ms), categories: { commitment, location }, description, lists,
 * workplaceType, salaryRange }`, or those grouped by `&group=`. Lever names no company: the feed's configured
 * company fills in.
 */
export const leverFormat = jsonListFormat({
  name: 'lever',
  description: 'a Lever postings list',
  items: postingsOf,
  itemKeys: ['hostedUrl', 'text'],
  toRawPosting,
});

/** The postings, whether listed flat or grouped (`&group=team`: `[{ title, postings: [...] }]`). */
function postingsOf(document: unknown): unknown[] | undefined {
  if (!Array.isArray(document)) return undefined;
  return firstItemHas(document, 'postings')
    ? document.flatMap((group) => arrayAt(group, 'postings') ?? [])
    : document;
}

function toRawPosting(posting: JsonObject): RawPosting {
  const categories = objectAt(posting, 'categories');
  const salary = objectAt(posting, 'salaryRange');
  const workplace = textAt(posting, 'workplaceType');
  return {
    externalId: textAt(posting, 'id'),
    title: textAt(posting, 'text'),
    description: [
      textAt(posting, 'description') ?? textAt(posting, 'descriptionPlain'),
      ...(arrayAt(posting, 'lists') ?? [])
        .filter(isObject)
        .map((list) => `<h3>${textAt(list, 'text') ?? ''}</h3><ul>${textAt(list, 'content') ?? ''}</ul>`),
    ]
      .filter(Boolean)
      .join(' '),
    url: textAt(posting, 'hostedUrl') ?? textAt(posting, 'applyUrl'),
    date: textAt(posting, 'createdAt'),
    location: textAt(categories, 'location'),
    remote: workplace && workplace !== 'unspecified' ? workplace : undefined,
    employmentType: textAt(categories, 'commitment'),
    salary: salaryText(
      textAt(salary, 'min'),
      textAt(salary, 'max'),
      textAt(salary, 'currency'),
      INTERVALS[textAt(salary, 'interval') ?? ''],
    ),
  };
}
