import { NotAJobFeedError } from '../../errors';
import type { RawPosting } from '../../domain/posting';
import { splitCompanyTitles } from './company-title';
import { pick, type FeedFormat, type ParseReport } from './format';
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
  parse: (text, report) =>
    splitCompanyTitles(
      withoutStatusItems(
        readXmlPostings(text, 'item', report, toRawPosting, { feedPaths: FEED_PATHS }),
        report,
      ),
      report,
    ),
};

/** What a channel says about who publishes it: Dublin Core's publisher, the managing editor's name. */
const PUBLISHER_PATHS = ['rss/channel/dc:publisher', 'rdf:rdf/channel/dc:publisher'];
const EDITOR_PATHS = ['rss/channel/managingeditor', 'rdf:rdf/channel/managingeditor'];
const FEED_PATHS: ReadonlySet<string> = new Set([...PUBLISHER_PATHS, ...EDITOR_PATHS]);
/** "jobs@acme.example (Acme Careers)": RSS 2.0's managingEditor, an address and a name. */
const EDITOR_NAME = /\(([^()]{2,100})\)\s*$/;

function toRawPosting(item: XmlRecord, feed: Readonly<Record<string, string>>): RawPosting {
  return {
    externalId: pick(item, 'guid', 'job_listing:id', 'id'),
    title: pick(item, 'title'),
    company: pick(item, 'job_listing:company', 'job:company', 'company'),
    feedCompany: pick(feed, ...PUBLISHER_PATHS) ?? EDITOR_NAME.exec(pick(feed, ...EDITOR_PATHS) ?? '')?.[1],
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

/** Status-message items are skipped with a warning; a feed of nothing else is refused. */
async function* withoutStatusItems(
  items: AsyncIterable<RawPosting>,
  report: ParseReport,
): AsyncGenerator<RawPosting> {
  let postings = 0;
  let statusItems = 0;
  let firstStatus = '';
  for await (const item of items) {
    if (item.title && STATUS_MESSAGE.test(item.title)) {
      statusItems++;
      firstStatus ||= item.title;
      continue;
    }
    postings++;
    yield item;
  }
  if (statusItems && !postings)
    throw new NotAJobFeedError(
      `an RSS feed of status messages ("${firstStatus.slice(0, 80)}"), not job postings`,
    );
  if (statusItems)
    report.warnings.push(
      `${statusItems} status message item(s) such as "${firstStatus.slice(0, 80)}" skipped`,
    );
}
