import type { RawPosting } from '../../domain/posting';
import { dayFirstDate, joinParts, pick, type FeedFormat } from './format';
import { readXmlPostings, type XmlRecord } from './xml-records';

/**
 * The `<ad>` feeds Jobatus and other Spanish-language aggregators take (`<jobatus><ad>` with `<url>`, `<title>`,
 * `<content>`, `<contract>`, `<city>`, `<region>`), every value in CDATA; `<date>` is DD/MM/YYYY.
 */
export const jobatusFormat: FeedFormat = {
  name: 'jobatus',
  description: 'a Jobatus-style XML feed of ads',
  parse: (text, report) => readXmlPostings(text, 'ad', report, toRawPosting),
};

function toRawPosting(ad: XmlRecord): RawPosting {
  return {
    externalId: pick(ad, 'id', 'reference'),
    title: pick(ad, 'title'),
    company: pick(ad, 'company'),
    description: pick(ad, 'content', 'description'),
    url: pick(ad, 'url'),
    date: dayFirstDate(pick(ad, 'date')),
    validThrough: dayFirstDate(pick(ad, 'expiration_date')),
    location: joinParts(pick(ad, 'city'), pick(ad, 'region')),
    remote: pick(ad, 'telecommute'),
    employmentType: joinParts(pick(ad, 'contract'), pick(ad, 'working_hours')),
    // Generators write <salary>0</salary> for an ad with no salary.
    salary: pick(ad, 'salary')?.replace(/^0$/, '') || undefined,
  };
}
