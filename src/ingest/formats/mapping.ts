import type { RawPosting } from '../posting';

export const MAPPABLE_FIELDS = [
  'externalId',
  'title',
  'company',
  'description',
  'url',
  'date',
  'validThrough',
  'location',
  'remote',
  'employmentType',
  'salary',
] as const satisfies readonly (keyof RawPosting)[];
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/**
 * A feed's own element names for posting fields, for partners whose tags no parser guesses: `{ title: "job_name",
 * salary: "pay/max", url: "link@href" }`. Names are matched in lower case, as the XML reader keys them.
 */
export type FieldMapping = Partial<Record<MappableField, string>>;

/** The parser's reading, with each mapped field taken from its named element when that element has text. */
export function applyMapping(
  raw: RawPosting,
  record: Record<string, string>,
  mapping: FieldMapping | undefined,
): RawPosting {
  if (!mapping) return raw;
  const mapped: RawPosting = { ...raw };
  for (const field of MAPPABLE_FIELDS) {
    const source = mapping[field];
    const value = source ? record[source.toLowerCase()]?.trim() : undefined;
    if (value) mapped[field] = value;
  }
  return mapped;
}
