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
  description: 'an HTML career page (schema.org JobPosting JSON-LD)',
  read: ($, report, options) => {
    const { postings, nodesById } = findJobPostings($, report);
    return postings.map((posting) => toRawPosting(posting, nodesById, options.documentUrl));
  },
});

/** The JobPosting nodes of a page, and the types of every other node found, for "not a job feed" messages. */
export function findJobPostings(
  $: CheerioAPI,
  report: { warnings: string[] },
): {
  postings: JsonObject[];
  otherTypes: string[];
  nodesById: Map<string, JsonObject>;
  malformedBlocks: number;
} {
  const found: Found = { postings: [], otherTypes: new Set(), nodesById: new Map() };
  let malformedBlocks = 0;
  $('script').each((index, element) => {
    const type = ($(element).attr('type') ?? '').trim().toLowerCase();
    if (type !== 'application/ld+json') return;
    const text = $(element).text().trim();
    if (!text) return;
    let block: unknown;
    try {
      block = parseBlock(text);
    } catch (error) {
      malformedBlocks++;
      report.warnings.push(
        `JSON-LD block ${index + 1} does not parse and was skipped (${error instanceof Error ? error.message : String(error)})`,
      );
      return;
    }
    collect(block, 0, found);
  });
  return { ...found, otherTypes: [...found.otherTypes], malformedBlocks };
}

const CDATA_OR_COMMENT_WRAPPER = /^\s*(?:\/\/\s*)?(?:<!\[CDATA\[|<!--)|(?:\/\/\s*)?(?:\]\]>|-->)\s*$/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001F]+/g;

/** A JSON-LD block as pages write them: inside CDATA or comment wrappers, raw line breaks inside strings. */
function parseBlock(text: string): unknown {
  const json = text.replace(CDATA_OR_COMMENT_WRAPPER, '');
  try {
    return JSON.parse(json);
  } catch (error) {
    const lenient = json.replace(CONTROL_CHARACTERS, ' ');
    if (lenient === json) throw error;
    return JSON.parse(lenient);
  }
}

interface Found {
  postings: JsonObject[];
  otherTypes: Set<string>;
  /** Nodes an `@graph` names by `@id`, so `"hiringOrganization": { "@id": … }` finds its name. */
  nodesById: Map<string, JsonObject>;
}

function collect(node: unknown, depth: number, found: Found): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(node)) {
    for (const child of node) collect(child, depth + 1, found);
    return;
  }
  if (!isObject(node)) return;
  const id = textAt(node, '@id');
  if (id && !found.nodesById.has(id)) found.nodesById.set(id, node);
  const types = [node['@type']].flat().filter((t): t is string => typeof t === 'string');
  if (types.some((t) => JOB_POSTING_TYPE.test(t))) {
    found.postings.push(node);
    return;
  }
  for (const t of types) found.otherTypes.add(t);
  collect(node['@graph'], depth + 1, found);
  for (const element of arrayAt(node, 'itemListElement') ?? []) {
    collect(isObject(element) && 'item' in element ? element['item'] : element, depth + 1, found);
  }
}

function toRawPosting(
  posting: JsonObject,
  nodesById: Map<string, JsonObject>,
  documentUrl: string | undefined,
): RawPosting {
  const organization = posting['hiringOrganization'];
  const organizationId = textAt(organization, '@id');
  return {
    externalId: identifierOf(posting['identifier']),
    title: textAt(posting, 'title') ?? textAt(posting, 'name'),
    company:
      scalarText(organization) ??
      textAt(organization, 'name') ??
      (organizationId ? textAt(nodesById.get(organizationId), 'name') : undefined),
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
