import type { RawPosting } from '../../domain/posting';
import { joinParts } from './format';
import { arrayAt, jsonListFormat, objectAt, scalarText, textAt, type JsonObject } from './json-format';

/**
 * Ashby posting API, `GET https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true`:
 * `{ jobs: [{ id, title, location, address.postalAddress, isRemote, workplaceType, employmentType ("FullTime"),
 * descriptionHtml, publishedAt, jobUrl, applyUrl, compensation.scrapeableCompensationSalarySummary }] }`.
 */
export const ashbyFormat = jsonListFormat({
  name: 'ashby',
  description: 'an Ashby job board',
  items: (document) => arrayAt(document, 'jobs'),
  itemKeys: ['jobUrl', 'title'],
  toRawPosting,
});

function toRawPosting(job: JsonObject): RawPosting {
  const address = objectAt(objectAt(job, 'address'), 'postalAddress');
  const compensation = objectAt(job, 'compensation');
  const isRemote = job['isRemote'];
  return {
    externalId: textAt(job, 'id'),
    title: textAt(job, 'title'),
    description: textAt(job, 'descriptionHtml') ?? textAt(job, 'descriptionPlain'),
    url: textAt(job, 'jobUrl') ?? textAt(job, 'applyUrl'),
    date: textAt(job, 'publishedAt'),
    location:
      textAt(job, 'location') ??
      joinParts(
        textAt(address, 'addressLocality'),
        textAt(address, 'addressRegion'),
        textAt(address, 'addressCountry'),
      ),
    // workplaceType tells hybrid from onsite; isRemote only remote from not.
    remote:
      textAt(job, 'workplaceType') ?? (typeof isRemote === 'boolean' ? scalarText(isRemote) : undefined),
    city: textAt(address, 'addressLocality'),
    region: textAt(address, 'addressRegion'),
    country: textAt(address, 'addressCountry'),
    employmentType: textAt(job, 'employmentType'),
    salary:
      textAt(compensation, 'scrapeableCompensationSalarySummary') ??
      textAt(compensation, 'compensationTierSummary'),
  };
}
