import { NotAJobFeedError } from '../../errors';
import type { RawPosting } from '../posting';
import { splitCompanyTitle } from './company-title';
import { pick, type FeedFormat } from './format';
import { readXmlPostings, type XmlRecord } from './xml-records';

/** Items that saved-search and alert feeds post when a run found nothing: "No new matches this run". */
const STATUS_MESSAGE =
  /^(?:no (?:new )?(?:matches|results|jobs|job postings|postings|vacancies|items)\b|nothing new\b|0 new (?:jobs|matches|results)\b)/i;

/**
 * RSS 2.0 (and RDF 1.0) job feeds, with content:encoded, WP Job Manager's job_listing: fields and "Company: Title"
 * items. Status-message items are skipped; a feed of nothing else is refused.
 */
export const rssFormat: FeedFormat = {
  name: 'rss',
  description: 'an RSS 2.0 feed',
  async *parse(text, report) {
    let postings = 0;
    let statusItems = 0;
    let firstStatus = '';
    for await (const item of readXmlPostings(text, 'item', report, (item) => item)) {
      const title = pick(item, 'title');
      if (title && STATUS_MESSAGE.test(title)) {
        statusItems++;
        firstStatus ||= title;
        continue;
      }
      postings++;
      yield toRawPosting(item);
    }
    if (statusItems && !postings)
      throw new NotAJobFeedError(
        `an RSS feed of status messages ("${firstStatus.slice(0, 80)}"), not job postings`,
      );
    if (statusItems)
      report.warnings.push(
        `${statusItems} status message item(s) such as "${firstStatus.slice(0, 80)}" skipped`,
      );
  },
};

function toRawPosting(item: XmlRecord): RawPosting {
  const { title, company } = splitCompanyTitle(
    pick(item, 'title'),
    pick(item, 'job_listing:company', 'job:company', 'company'),
  );
  return {
    externalId: pick(item, 'guid', 'job_listing:id', 'id'),
    title,
    company,
    description: pick(item, 'content:encoded', 'description'),
    url: pick(item, 'link', 'guid'),
    date: pick(item, 'pubdate', 'dc:date', 'published'),
    validThrough: pick(item, 'job_listing:expires', 'job_listing:job_expires', 'expires'),
    location: pick(item, 'job_listing:location', 'job:location', 'location'),
    remote: pick(item, 'job_listing:remote_position', 'remote'),
    employmentType: pick(item, 'job_listing:job_type', 'job:type', 'job_type', 'jobtype'),
    salary: pick(item, 'job_listing:salary', 'job:salary', 'salary'),
  };
}
