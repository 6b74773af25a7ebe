import { NotAJobFeedError } from '../../errors';
import { draftMapping, ONBOARD_HINT, readingMapping } from './draft-mapping';
import {
  betterInference,
  describeInference,
  inferFields,
  type InferredFields,
  type SampleRecord,
} from './infer-fields';
import { isJobWord } from './field-synonyms';
import { describeJson, isObject, jsonFormat, scalarText, type JsonObject } from './json-format';
import { jsonMappingFormat } from './json-mapping.parser';

const SAMPLE_RECORDS = 50;
const CANDIDATES_TRIED = 20;
/** Nested objects are flattened this deep into paths: "place.address.city". */
const MAX_FIELD_DEPTH = 3;

/** Inferences of documents already looked at: `matches` and `read` ask about the same document. */
const inferences = new WeakMap<object, InferredFields | undefined>();

/**
 * A JSON document in no known format that holds its postings in an array of objects (the document itself, or under
 * one or two keys: "vagas", "data.jobs") whose keys plainly are a job's: tried after every known JSON format.
 */
export const genericJsonFormat = jsonFormat({
  name: 'generic-json',
  description: 'JSON records in no known job feed format, read through an inferred field mapping',
  matches: (document) => {
    const inferred = inferJsonRecords(document);
    return Boolean(inferred && !inferred.weakness);
  },
  read(document, report, options) {
    const inferred = inferJsonRecords(document);
    if (!inferred || inferred.weakness) throw genericJsonRefusal(document);
    report.warnings.push(
      `read as generic JSON records ${inferred.sample.label}: ${describeInference(inferred)}`,
    );
    return jsonMappingFormat.read(document, report, { ...options, mapping: readingMapping(inferred) });
  },
});

/** The "Not a job feed" error for a JSON document no format reads: what was found, and a draft mapping. */
export function genericJsonRefusal(document: unknown): NotAJobFeedError {
  const inferred = inferJsonRecords(document);
  const found = inferred?.weakness ?? 'it holds no array of objects';
  return new NotAJobFeedError(
    `a JSON document in no job feed format jobfeed reads (${describeJson(document)}): ${found}. ${ONBOARD_HINT}`,
    inferred && { suggestedMapping: draftMapping(inferred) },
  );
}

/** The best reading of the document's arrays of objects, or undefined when it has none. */
export function inferJsonRecords(document: unknown): InferredFields | undefined {
  if (typeof document !== 'object' || document === null) return undefined;
  if (inferences.has(document)) return inferences.get(document);
  let best: InferredFields | undefined;
  for (const { items, array } of objectArrays(document).slice(0, CANDIDATES_TRIED)) {
    const key = items.split('.').at(-1) ?? '';
    const inferred = inferFields({
      kind: 'JSON',
      items,
      label: items ? JSON.stringify(items) : '[…]',
      names: key ? [key] : [],
      underPluralContainer: Boolean(key) && (/(s|en)$/i.test(key) || isJobWord(key)),
      records: array
        .slice(0, SAMPLE_RECORDS)
        .filter(isObject)
        .map((item) => flatten(item)),
      describe: (path) => JSON.stringify(path),
    });
    best = best ? betterInference(best, inferred) : inferred;
  }
  inferences.set(document, best);
  return best;
}

/** Arrays holding objects: the document itself, or under one or two keys. */
function objectArrays(document: object): { items: string; array: unknown[] }[] {
  const found: { items: string; array: unknown[] }[] = [];
  const visit = (value: unknown, path: string[], depth: number) => {
    if (Array.isArray(value)) {
      if (value.some(isObject)) found.push({ items: path.join('.'), array: value });
      return;
    }
    if (!isObject(value) || depth > 2) return;
    for (const [key, child] of Object.entries(value)) visit(child, [...path, key], depth + 1);
  };
  visit(document, [], 0);
  return found;
}

/** An item's scalar fields by dotted path ("org.name"); arrays of scalars as one field, like json-mapping reads them. */
function flatten(item: JsonObject, prefix = '', depth = 1, into: SampleRecord = {}): SampleRecord {
  for (const [key, value] of Object.entries(item)) {
    const path = `${prefix}${key}`;
    if (isObject(value)) {
      if (depth < MAX_FIELD_DEPTH) flatten(value, `${path}.`, depth + 1, into);
    } else if (Array.isArray(value)) {
      const text = value.map(scalarText).filter(Boolean).join(', ');
      if (text) into[path] = text;
    } else {
      const text = scalarText(value);
      if (text) into[path] = text;
    }
  }
  return into;
}
