import { z } from 'zod';
import { ValidationError } from '../../errors';

const path = z.string().trim().min(1).max(300);

/**
 * Where a partner without a standard format keeps its postings. For HTML, `items` is a CSS selector and each
 * field a CSS selector inside one item, with `@attr` to read an attribute ("a.apply@href", or "@data-id" on the
 * item itself). For JSON, `items` is a dotted path to the array ("" for the document itself) and each field a
 * dotted path inside one item ("location.city", "tags.0"). For XML, `items` is the posting element's name (or a
 * dotted path ending in it) and each field a dotted path inside it, with `@attr` for attributes ("link@href").
 */
export const fieldMappingSchema = z.strictObject({
  items: z.string().trim().max(300),
  fields: z.strictObject({
    title: path,
    url: path,
    externalId: path.optional(),
    company: path.optional(),
    description: path.optional(),
    date: path.optional(),
    validThrough: path.optional(),
    location: path.optional(),
    remote: path.optional(),
    employmentType: path.optional(),
    salary: path.optional(),
  }),
});

export type FieldMapping = z.output<typeof fieldMappingSchema>;
export type MappedField = keyof FieldMapping['fields'];

/** A stored or supplied mapping, checked; a bad one is a validation error naming the field ("mapping.fields.title"). */
export function parseFieldMapping(input: unknown): FieldMapping {
  const result = fieldMappingSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      field: [
        'mapping',
        ...issue.path.map(String),
        ...(issue.code === 'unrecognized_keys' ? [issue.keys.join(', ')] : []),
      ].join('.'),
      message: issue.message,
    })),
  );
}

/** "a.b@href" -> { target: "a.b", attribute: "href" }; "@id" -> { target: "", attribute: "id" }. */
export function splitAttribute(spec: string): { target: string; attribute?: string } {
  const at = /@([\w:.-]+)$/.exec(spec);
  return at ? { target: spec.slice(0, at.index).trim(), attribute: at[1]! } : { target: spec.trim() };
}
