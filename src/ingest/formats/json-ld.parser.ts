import type { RawPosting } from '../../domain/posting';
import {
  joinParts,
  salaryText,
  withFieldsCapped,
  type FeedFormat,
  type ParseOptions,
  type ParseReport,
} from './format';
import { MAX_ELEMENT_DEPTH, scanHtmlPage, type ScannedPage } from './html-page-scan';
import { arrayAt, isObject, objectAt, scalarText, textAt, type JsonObject } from './json-format';

const JOB_POSTING_TYPE = /(^|[/:#])JobPosting$/;
const MAX_DEPTH = 6;
const MAX_TERM_DEPTH = 16;
const SCHEMA_ORG = /^https?:\/\/schema\.org\/?/;

/**
 * schema.org JobPosting in an HTML career page or a fragment of one: JSON-LD blocks (one object, an array, an
 * `@graph`, or an ItemList of postings; plain, prefixed or full-IRI terms) or, on a page without JSON-LD postings,
 * Microdata items. A block that does not parse is skipped with a warning; the others are still read.
 */
export const jsonLdFormat: FeedFormat = {
  name: 'json-ld',
  description: 'an HTML career page (schema.org JobPosting JSON-LD or Microdata)',
  async *parse(text, report, options = {}) {
    yield* readJobPostings(findJobPostings(await scanHtmlPage(text), report), report, options);
  },
};

/** What a scanned page holds: its JobPosting nodes, and the types of every other node, for "not a job feed" messages. */
export interface FoundPostings {
  title: string | undefined;
  postings: JsonObject[];
  otherTypes: string[];
  nodesById: Map<string, JsonObject>;
  malformedBlocks: number;
}

export function findJobPostings(page: ScannedPage, report: ParseReport): FoundPostings {
  const found: Found = { postings: [], otherTypes: new Set(), nodesById: new Map() };
  let malformedBlocks = 0;
  page.jsonLdBlocks.forEach((raw, index) => {
    const text = raw.trim();
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
    collect(withSchemaTerms(block, schemaPrefixes(block), 0), 0, found);
  });
  if (found.postings.length === 0)
    for (const item of page.microdata) collect(withSchemaTerms(item, [], 0), 0, found);
  if (page.tooDeep)
    report.warnings.push(
      `the page nests elements more than ${MAX_ELEMENT_DEPTH} deep; microdata below that depth was not read`,
    );
  return { title: page.title, ...found, otherTypes: [...found.otherTypes], malformedBlocks };
}

/** The postings found, as raw postings; every field cut to MAX_FIELD_CHARS. */
export function readJobPostings(
  found: FoundPostings,
  report: ParseReport,
  options: ParseOptions,
): Iterable<RawPosting> {
  return withFieldsCapped(
    found.postings.map((posting) => toRawPosting(posting, found.nodesById, options.documentUrl)),
    report,
  );
}

/** The prefixes a block's `@context` maps to schema.org (`{ "schema": "http://schema.org/" }`), and "schema" itself. */
function schemaPrefixes(block: unknown): string[] {
  const prefixes = new Set(['schema']);
  for (const node of [block].flat()) {
    for (const context of [isObject(node) ? node['@context'] : undefined].flat()) {
      if (!isObject(context)) continue;
      for (const [prefix, iri] of Object.entries(context))
        if (typeof iri === 'string' && SCHEMA_ORG.test(iri) && !prefix.startsWith('@')) prefixes.add(prefix);
    }
  }
  return [...prefixes];
}

/**
 * The block with schema.org terms as plain names ("schema:title", "http://schema.org/title" -> "title") and
 * `{ "@value": … }` literals as their value, so the reader looks up one spelling.
 */
function withSchemaTerms(value: unknown, prefixes: string[], depth: number): unknown {
  if (depth > MAX_TERM_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => withSchemaTerms(item, prefixes, depth + 1));
  if (!isObject(value)) return value;
  if ('@value' in value) return value['@value'];
  const plain: JsonObject = {};
  for (const [key, child] of Object.entries(value))
    plain[plainTerm(key, prefixes)] ??= withSchemaTerms(child, prefixes, depth + 1);
  return plain;
}

function plainTerm(key: string, prefixes: string[]): string {
  if (SCHEMA_ORG.test(key)) return key.replace(SCHEMA_ORG, '');
  const colon = key.indexOf(':');
  return colon > 0 && prefixes.includes(key.slice(0, colon)) ? key.slice(colon + 1) : key;
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
    title: firstText(posting, 'title') ?? firstText(posting, 'name'),
    company:
      scalarText(organization) ??
      textAt(organization, 'name') ??
      (organizationId ? textAt(nodesById.get(organizationId), 'name') : undefined),
    description: firstText(posting, 'description'),
    url: firstText(posting, 'url') ?? textAt(posting['url'], '@id') ?? documentUrl,
    date: firstText(posting, 'datePosted'),
    validThrough: firstText(posting, 'validThrough'),
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

/** A field's text, or its first value's when the page repeats it (Microdata itemprops, JSON-LD arrays). */
function firstText(node: JsonObject, key: string): string | undefined {
  const value = node[key];
  return scalarText(Array.isArray(value) ? value[0] : value);
}

function identifierOf(identifier: unknown): string | undefined {
  return scalarText(identifier) ?? textAt(identifier, 'value') ?? textAt(identifier, '@value');
}

function locationOf(jobLocation: unknown): string | undefined {
  const texts = [jobLocation].flat().map((place) => {
    if (!isObject(place)) return scalarText(place);
    const address = place['address'];
    if (!isObject(address)) return scalarText(address) ?? textAt(place, 'name');
    const country = address['addressCountry'];
    return (
      joinParts(
        textAt(address, 'addressLocality'),
        textAt(address, 'addressRegion'),
        scalarText(country) ?? textAt(country, 'name'),
      ) ?? textAt(address, 'streetAddress')
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
