import type { RawPosting } from '../../domain/posting';
import { companyPrefix, splitCompanyTitlesOf } from './company-title';
import { arrayAt, isObject, jsonFormat, objectAt, objects, textAt, type JsonObject } from './json-format';

/**
 * JSON Feed 1.1 (and 1.0): `{ version: "https://jsonfeed.org/version/1.1", items: [{ id, url, external_url, title,
 * content_html, content_text, summary, date_published, authors: [{ name }] }] }`. An item's author is the company
 * when its title does not name one ("Company: Title").
 */
export const jsonFeedFormat = jsonFormat({
  name: 'json-feed',
  description: 'a JSON Feed',
  matches: (document) =>
    isObject(document) &&
    /^https?:\/\/jsonfeed\.org\/version\//.test(textAt(document, 'version') ?? '') &&
    Array.isArray(document['items']),
  read: (document, report) =>
    splitCompanyTitlesOf(objects(arrayAt(document, 'items')).map(toRawPosting), report),
});

function toRawPosting(item: JsonObject): RawPosting {
  const author = objects(arrayAt(item, 'authors'))[0] ?? objectAt(item, 'author');
  const title = textAt(item, 'title');
  const name = textAt(author, 'name');
  const titleNamesCompany = companyPrefix(title) !== null;
  return {
    externalId: textAt(item, 'id'),
    title,
    company: titleNamesCompany ? undefined : name,
    feedCompany: titleNamesCompany ? name : undefined,
    description: textAt(item, 'content_html') ?? textAt(item, 'content_text') ?? textAt(item, 'summary'),
    url: textAt(item, 'url') ?? textAt(item, 'external_url'),
    date: textAt(item, 'date_published') ?? textAt(item, 'date_modified'),
  };
}
