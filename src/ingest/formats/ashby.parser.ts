import type { RawPosting } from '../posting';
import { joinParts } from './format';
import {
  arrayAt,
  firstItemHas,
  jsonFormat,
  objectAt,
  objects,
  scalarText,
  textAt,
  type JsonObject,
} from './json-format';

/**
 * Ashby posting API, `GET https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true`:
 * `{ jobs: [{ id, title, location, address.postalAddress, isRemote, workplaceType, employmentType ("FullTime"),
 * descriptionHtml, publishedAt, jobUrl, applyUrl, compensation.scrapeableCompensationSalarySummary }] }`.
 */
export const ashbyFormat = jsonFormat({
  name: 'ashby',
  description: 'an Ashby job board',
  matches: (document) => firstItemHas(arrayAt(document, 'jobs'), 'jobUrl', 'title'),
  read: (document) => objects(arrayAt(document, 'jobs')).map(toRawPosting),
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
    remote: typeof isRemote === 'boolean' ? scalarText(isRemote) : textAt(job, 'workplaceType'),
    employmentType: textAt(job, 'employmentType'),
    salary:
      textAt(compensation, 'scrapeableCompensationSalarySummary') ??
      textAt(compensation, 'compensationTierSummary'),
  };
}
