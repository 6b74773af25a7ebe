import type { RawPosting } from '../../domain/posting';
import { joinParts } from './format';
import { arrayAt, jsonListFormat, objectAt, scalarText, textAt, type JsonObject } from './json-format';

/**
 * SmartRecruiters posting API, `GET https://api.smartrecruiters.com/v1/companies/{company}/postings`:
 * `{ content: [{ id, name, refNumber, company: { identifier, name }, releasedDate, location: { city, region,
 * country, remote, fullLocation }, typeOfEmployment: { label }, postingUrl?, jobAd?.sections }] }`. The list has no
 * public link: it is built as jobs.smartrecruiters.com/{company}/{id}, as SmartRecruiters' own career pages do.
 */
export const smartRecruitersFormat = jsonListFormat({
  name: 'smartrecruiters',
  description: 'a SmartRecruiters postings list',
  items: (document) => arrayAt(document, 'content'),
  itemKeys: ['id', 'name', 'releasedDate'],
  toRawPosting,
});

const AD_SECTIONS = ['companyDescription', 'jobDescription', 'qualifications', 'additionalInformation'];

function toRawPosting(posting: JsonObject): RawPosting {
  const company = objectAt(posting, 'company');
  const location = objectAt(posting, 'location');
  const sections = objectAt(objectAt(posting, 'jobAd'), 'sections');
  const id = textAt(posting, 'id');
  const identifier = textAt(company, 'identifier');
  const remote = location?.['remote'];
  return {
    externalId: id ?? textAt(posting, 'refNumber'),
    title: textAt(posting, 'name'),
    company: textAt(company, 'name'),
    description:
      AD_SECTIONS.map((key) => textAt(objectAt(sections, key), 'text'))
        .filter(Boolean)
        .join(' ') || undefined,
    url:
      textAt(posting, 'postingUrl') ??
      (identifier && id
        ? `https://jobs.smartrecruiters.com/${encodeURIComponent(identifier)}/${encodeURIComponent(id)}`
        : undefined),
    date: textAt(posting, 'releasedDate'),
    location:
      textAt(location, 'fullLocation') ??
      joinParts(textAt(location, 'city'), textAt(location, 'region'), textAt(location, 'country')),
    city: textAt(location, 'city'),
    region: textAt(location, 'region'),
    country: textAt(location, 'country'),
    remote: typeof remote === 'boolean' ? scalarText(remote) : undefined,
    employmentType: textAt(objectAt(posting, 'typeOfEmployment'), 'label'),
  };
}
