import { z } from 'zod';
import type { FieldMapping, FieldSpec } from '../../domain/field-mapping';
import { ValidationError } from '../../errors';
import { compileDateFormat } from './date-format';
import { isTemplate, templatePaths, templateProblem } from './field-template';

const path = z.string().trim().min(1).max(300);

/** A path or selector, or a template that builds the value from several ("https://acme.example/job/{id}"). */
const pathOrTemplate = path.superRefine((spec, context) => {
  const problem = templateProblem(spec);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/** The same value for every posting: `{ "const": "Acme GmbH" }`. */
const constant = z.strictObject({ const: z.string().trim().min(1).max(300) });

/** A date in the partner's own pattern: `{ "path": "publishdate", "format": "dd/MM/yyyy" }`. */
const formattedDate = z.strictObject({
  path,
  format: z
    .string()
    .min(2)
    .max(60)
    .superRefine((format, context) => {
      const compiled = compileDateFormat(format);
      if (typeof compiled === 'string') context.addIssue({ code: 'custom', message: compiled });
    }),
});

const FIELD = 'must be a path, a template ("https://acme.example/job/{id}") or { "const": "text" }';
const field = z.union([pathOrTemplate, constant], { error: FIELD });
const dateField = z.union([pathOrTemplate, constant, formattedDate], {
  error: `${FIELD}, or { "path": "…", "format": "dd/MM/yyyy" }`,
});

/**
 * Where a partner without a standard format keeps its postings. For HTML, `items` is a CSS selector and each
 * field a CSS selector inside one item, with `@attr` to read an attribute ("a.apply@href", or "@data-id" on the
 * item itself). For JSON, `items` is a dotted path to the array ("" for the document itself) and each field a
 * dotted path inside one item ("location.city", "tags.0"). For XML, `items` is the posting element's name (or a
 * dotted path ending in it) and each field a dotted path inside it, with `@attr` for attributes ("link@href").
 * Any field may instead be a template of such paths, a constant, and a date field a path with a date format.
 */
export const fieldMappingSchema = z.strictObject({
  items: z.string().trim().max(300),
  fields: z.strictObject({
    title: field,
    url: field,
    externalId: field.optional(),
    company: field.optional(),
    description: field.optional(),
    date: dateField.optional(),
    validThrough: dateField.optional(),
    location: field.optional(),
    remote: field.optional(),
    employmentType: field.optional(),
    salary: field.optional(),
  }),
  /** Written by `jobfeed mapping suggest`: the document's fields no mapped field takes. Ignored when reading. */
  unplaced: z.array(z.string().max(300)).max(200).optional(),
}) satisfies z.ZodType<FieldMapping>;

/** Every path a field reads: itself, its template's placeholders, or its dated path; none for a constant. */
export function fieldPaths(spec: FieldSpec): string[] {
  if (typeof spec === 'string') return isTemplate(spec) ? templatePaths(spec) : [spec];
  return 'path' in spec ? [spec.path] : [];
}

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
