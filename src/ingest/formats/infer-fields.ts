import type { FieldMapping, FieldSpec, MappedField } from '../../domain/field-mapping';
import { isJobWord, isNotPostingName, nameScore } from './field-synonyms';

/** A path inside one record, in mapping syntax ("general.intitule", "link@href", "org.name"), to its text. */
export type SampleRecord = Record<string, string>;

/** The first records of one repeated element or array, as the generic readers and `mapping suggest` see them. */
export interface RecordSample {
  kind: 'XML' | 'JSON';
  /** The mapping's `items` for these records: "offres.offre", "data.jobs", "". */
  items: string;
  /** For messages: "<offre>", "\"data.jobs\"", "[…]" (the top-level array). */
  label: string;
  /** The record element and its container, or the array's key: names that may say these are jobs. */
  names: string[];
  /** One record alone counts only inside a container named for many ("<jobs><job>", "vagas": [...]). */
  underPluralContainer: boolean;
  records: SampleRecord[];
  /** How a path reads in messages: "<general/intitule>", "\"titulo\"". */
  describe(path: string): string;
}

export interface InferredFields {
  sample: RecordSample;
  fields: Partial<FieldMapping['fields']>;
  /** The path each placed field reads. */
  sources: Partial<Record<MappedField, string>>;
  /** Paths of the records no field takes. */
  unplaced: string[];
  /** Why the records are not read as postings without a mapping; undefined when the evidence is strong. */
  weakness?: string;
}

/** When two fields could take a path equally well, the earlier one does. */
const FIELD_ORDER: MappedField[] = [
  'title',
  'url',
  'externalId',
  'date',
  'validThrough',
  'company',
  'location',
  'employmentType',
  'salary',
  'remote',
  'description',
];
const JOB_SIGNS: MappedField[] = ['company', 'location', 'employmentType', 'salary', 'validThrough'];
const LINK = /^(https?:\/\/|\/[^/\s]|www\.)/i;

/**
 * Places each posting field on the record path that names it best (by the synonyms of field-synonyms.ts) and whose
 * values fit it (a url's values are links, an id's are short tokens), each path used once. The records are postings
 * only on strong evidence: a title on most of them, and a link or an id on most of them, in more than one record.
 */
export function inferFields(sample: RecordSample): InferredFields {
  const { records } = sample;
  const paths = [...new Set(records.flatMap((record) => Object.keys(record)))];
  const valuesOf = (path: string) =>
    records.map((record) => record[path]?.trim() ?? '').filter((value) => value.length > 0);
  const coverage = (path: string) => valuesOf(path).length / Math.max(records.length, 1);

  const candidates = FIELD_ORDER.flatMap((field, rank) =>
    paths.flatMap((path) => {
      const score = nameScore(field, path);
      if (!score) return [];
      if (field === 'title' && sample.kind === 'XML' && path.includes('@')) return [];
      const values = valuesOf(path);
      if (!values.length || !valuesFit(field, values)) return [];
      return [{ field, path, score, coverage: coverage(path), rank }];
    }),
  ).sort((a, b) => b.score - a.score || b.coverage - a.coverage || a.rank - b.rank);

  const sources: Partial<Record<MappedField, string>> = {};
  const scores: Partial<Record<MappedField, number>> = {};
  const used = new Set<string>();
  for (const candidate of candidates) {
    if (sources[candidate.field] || used.has(candidate.path)) continue;
    sources[candidate.field] = candidate.path;
    scores[candidate.field] = candidate.score;
    used.add(candidate.path);
  }

  const fields: Partial<Record<MappedField, FieldSpec>> = {};
  for (const field of FIELD_ORDER) {
    const path = sources[field];
    if (!path) continue;
    const format = field === 'date' || field === 'validThrough' ? dateFormatOf(valuesOf(path)) : undefined;
    fields[field] = format ? { path, format } : path;
  }

  const placed = (field: MappedField) => {
    const path = sources[field];
    return path !== undefined && coverage(path) > 0.5;
  };
  const { names, label } = sample;
  let weakness: string | undefined;
  if (names.some(isNotPostingName))
    weakness = `its ${label} records look like "${names.find(isNotPostingName)}" entries, not job postings`;
  else if (records.length < 2 && !sample.underPluralContainer)
    weakness = `it holds only one ${label} record, not a list of postings`;
  else if (!placed('title'))
    weakness = `its ${label} records have no field named like a job title on most of them`;
  else if (!placed('url') && !placed('externalId'))
    weakness = `its ${label} records have a title (${sample.describe(sources.title!)}) but no link or id`;
  else if (
    scores.title! < 2 &&
    !names.some(isJobWord) &&
    !JOB_SIGNS.some((field) => (scores[field] ?? 0) >= 2)
  )
    weakness = `its ${label} records have only a ${sample.describe(sources.title!)} for a title and nothing that says they are jobs`;

  return {
    sample,
    fields: fields as Partial<FieldMapping['fields']>,
    sources,
    unplaced: paths.filter((path) => !used.has(path) && coverage(path) > 0),
    weakness,
  };
}

/** "title ← <general/intitule>, url ← <general/url_detail>, date ← <general/posted_date> (dd/MM/yyyy)". */
export function describeInference(inferred: InferredFields): string {
  return FIELD_ORDER.filter((field) => inferred.sources[field])
    .map((field) => {
      const spec = inferred.fields[field]!;
      const format = typeof spec === 'object' && 'format' in spec ? ` (${spec.format})` : '';
      return `${field} ← ${inferred.sample.describe(inferred.sources[field]!)}${format}`;
    })
    .join(', ');
}

/** The better of two inferences: strong evidence first, then a title, a link or id, then more fields placed. */
export function betterInference(a: InferredFields, b: InferredFields): InferredFields {
  const rank = (inferred: InferredFields) => [
    inferred.weakness ? 0 : 1,
    inferred.sources.title ? 1 : 0,
    inferred.sources.url || inferred.sources.externalId ? 1 : 0,
    Object.keys(inferred.sources).length,
    inferred.sample.records.length,
  ];
  const [ra, rb] = [rank(a), rank(b)];
  const first = ra.findIndex((value, i) => value !== rb[i]);
  return first >= 0 && rb[first]! > ra[first]! ? b : a;
}

function valuesFit(field: MappedField, values: string[]): boolean {
  const most = (test: (value: string) => boolean) => values.filter(test).length * 2 >= values.length;
  const link = (value: string) => LINK.test(value);
  switch (field) {
    case 'url':
      return most(link);
    case 'externalId':
      return most((value) => value.length <= 100 && !/\s/.test(value) && !link(value));
    case 'date':
    case 'validThrough':
      return most((value) => /\d/.test(value) && value.length <= 60 && !link(value));
    case 'description':
      return most((value) => !link(value));
    default:
      return most((value) => value.length <= 300 && !link(value));
  }
}

const NUMERIC_DATE = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?: (\d{1,2}):(\d{2})(:\d{2})?)?$/;

/**
 * The format of day-month-year dates the date reader would misread or not read ("19/10/2026", "05.03.2026"), when
 * every value has the same shape and the order is certain: a day above 12 somewhere, or dots (always day first).
 */
function dateFormatOf(values: string[]): string | undefined {
  const matches = values.map((value) => NUMERIC_DATE.exec(value));
  if (!matches.length || matches.some((match) => !match)) return undefined;
  const first = matches[0]!;
  const separator = first[2]!;
  const time = first[5] ? (first[7] ? ' HH:mm:ss' : ' HH:mm') : '';
  const sameShape = matches.every(
    (match) =>
      match![2] === separator &&
      Boolean(match![5]) === Boolean(first[5]) &&
      Boolean(match![7]) === Boolean(first[7]),
  );
  if (!sameShape) return undefined;
  const dayFirst = separator === '.' || matches.some((match) => Number(match![1]) > 12);
  const monthFirst = matches.some((match) => Number(match![3]) > 12);
  if (dayFirst === monthFirst) return undefined;
  const order = dayFirst ? ['dd', 'MM'] : ['MM', 'dd'];
  return `${order.join(separator)}${separator}yyyy${time}`;
}
