import type { CheerioAPI } from 'cheerio';
import type { RawPosting } from '../posting';
import { joinParts, salaryText } from './format';
import { htmlFormat } from './html-format';
import { arrayAt, isObject, objectAt, scalarText, textAt, type JsonObject } from './json-format';

const JOB_POSTING_TYPE = /(^|[/:#])JobPosting$/;
const MAX_DEPTH = 6;

/**
 * schema.org JobPosting in the JSON-LD blocks of an HTML career page: one object, an array, an `@graph`, or an
 * ItemList of postings. A block that does not parse is skipped with a warning; the others are still read.
 */
export const jsonLdFormat = htmlFormat({
  name: 'json-ld',
  description: 'an HTML page with schema.org JobPosting data',
  read: ($, report, options) =>
    findJobPostings($, report).postings.map((posting) => toRawPosting(posting, options.documentUrl)),
});

/** The JobPosting nodes of a page, and the types of every other node found, for "not a job feed" messages. */
export function findJobPostings(
  $: CheerioAPI,
  report: { warnings: string[] },
): { postings: JsonObject[]; otherTypes: string[]; malformedBlocks: number } {
  const postings: JsonObject[] = [];
  const otherTypes = new Set<string>();
  let malformedBlocks = 0;
  $('script').each((index, element) => {
    const type = ($(element).attr('type') ?? '').trim().toLowerCase();
    if (type !== 'application/ld+json') return;
    const text = $(element).text().trim();
    if (!text) return;
    let block: unknown;
    try {
      block = JSON.parse(text);
    } catch (error) {
      malformedBlocks++;
      report.warnings.push(
        `JSON-LD block ${index + 1} does not parse and was skipped (${error instanceof Error ? error.message : String(error)})`,
      );
      return;
    }
    collect(block, 0, postings, otherTypes);
  });
  return { postings, otherTypes: [...otherTypes], malformedBlocks };
}

function collect(node: unknown, depth: number, postings: JsonObject[], otherTypes: Set<string>): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(node)) {
    for (const child of node) collect(child, depth + 1, postings, otherTypes);
    return;
  }
  if (!isObject(node)) return;
  const types = [node['@type']].flat().filter((t): t is string => typeof t === 'string');
  if (types.some((t) => JOB_POSTING_TYPE.test(t))) {
    postings.push(node);
    return;
  }
  for (const t of types) otherTypes.add(t);
  collect(node['@graph'], depth + 1, postings, otherTypes);
  for (const element of arrayAt(node, 'itemListElement') ?? []) {
    collect(
      isObject(element) && 'item' in element ? element['item'] : element,
      depth + 1,
      postings,
      otherTypes,
    );
  }
}

function toRawPosting(posting: JsonObject, documentUrl: string | undefined): RawPosting {
  const organization = posting['hiringOrganization'];
  return {
    externalId: identifierOf(posting['identifier']),
    title: textAt(posting, 'title') ?? textAt(posting, 'name'),
    company: scalarText(organization) ?? textAt(organization, 'name'),
    description: textAt(posting, 'description'),
    url: textAt(posting, 'url') ?? documentUrl,
    date: textAt(posting, 'datePosted'),
    validThrough: textAt(posting, 'validThrough'),
    location: locationOf(posting['jobLocation']),
    remote: [posting['jobLocationType']].flat().includes('TELECOMMUTE') ? 'true' : undefined,
    employmentType:
      [posting['employmentType']]
        .flat()
        .filter((t) => typeof t === 'string')
        .join(', ') || undefined,
    salary: salaryOf(posting['baseSalary'] ?? posting['estimatedSalary']),
  };
}

function identifierOf(identifier: unknown): string | undefined {
  return scalarText(identifier) ?? textAt(identifier, 'value') ?? textAt(identifier, '@value');
}

function locationOf(jobLocation: unknown): string | undefined {
  const places = [jobLocation].flat().filter(isObject);
  const texts = places.map((place) => {
    const address = place['address'];
    if (!isObject(address)) return scalarText(address) ?? textAt(place, 'name');
    const country = address['addressCountry'];
    return joinParts(
      textAt(address, 'addressLocality'),
      textAt(address, 'addressRegion'),
      scalarText(country) ?? textAt(country, 'name'),
    );
  });
  return [...new Set(texts.filter(Boolean))].join('; ') || undefined;
}

function salaryOf(salary: unknown): string | undefined {
  const amount = [salary].flat()[0];
  if (!isObject(amount)) return scalarText(amount);
  const value = objectAt(amount, 'value');
  const single = scalarText(amount['value']) ?? textAt(value, 'value');
  return salaryText(
    textAt(value, 'minValue') ?? single,
    textAt(value, 'maxValue'),
    textAt(amount, 'currency'),
    (textAt(value, 'unitText') ?? textAt(amount, 'unitText'))?.toLowerCase(),
  );
}
