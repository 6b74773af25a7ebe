import { ValidationError } from '../../errors';
import type { RawPosting } from '../../domain/posting';
import { compileDateFormat, parseFormattedDate, type DateFormat } from './date-format';
import type { FieldMapping, FieldSpec, MappedField } from '../../domain/field-mapping';
import { fieldPaths } from './field-mapping.schema';
import { fillTemplate, isTemplate } from './field-template';
import type { ParseOptions } from './format';

/**
 * A posting from a feed's field mapping: each path a field names read with `read(path, field)`, then a template
 * filled, a constant given, or a formatted date turned into ISO 8601. A date that does not match its format is
 * passed on as "VALUE ≠ FORMAT", which the date reader cannot read: counted as an unreadable date, never guessed.
 */
export function mappedPosting(
  mapping: FieldMapping,
  read: (path: string, field: MappedField) => string | undefined,
): RawPosting {
  const posting: RawPosting = {};
  for (const [field, spec] of Object.entries(mapping.fields) as [MappedField, FieldSpec | undefined][]) {
    if (spec) posting[field] = fieldValue(spec, (path) => read(path, field))?.trim() || undefined;
  }
  return posting;
}

/** Every path the mapping reads, once each: what a parser prepares (record keys, selectors) before reading. */
export function mappingPaths(mapping: FieldMapping): Map<MappedField, string[]> {
  return new Map(
    (Object.entries(mapping.fields) as [MappedField, FieldSpec | undefined][])
      .filter((entry): entry is [MappedField, FieldSpec] => Boolean(entry[1]))
      .map(([field, spec]) => [field, fieldPaths(spec)]),
  );
}

function fieldValue(spec: FieldSpec, read: (path: string) => string | undefined): string | undefined {
  if (typeof spec === 'string') return isTemplate(spec) ? fillTemplate(spec, read) : read(spec);
  if ('const' in spec) return spec.const;
  const value = read(spec.path)?.trim();
  if (!value) return undefined;
  return parseFormattedDate(value, dateFormat(spec)) ?? `${value} ≠ ${spec.format}`;
}

/** Compiled once per mapping field, not once per posting. */
const compiledFormats = new WeakMap<object, DateFormat>();

function dateFormat(spec: { format: string }): DateFormat {
  let compiled = compiledFormats.get(spec);
  if (!compiled) {
    const result = compileDateFormat(spec.format);
    if (typeof result === 'string') throw new ValidationError([{ field: 'mapping.fields', message: result }]);
    compiled = result;
    compiledFormats.set(spec, compiled);
  }
  return compiled;
}

/** The mapping a mapping format needs; reading without one is a validation error naming the field. */
export function requireMapping(options: ParseOptions, format: string): FieldMapping {
  if (!options.mapping)
    throw new ValidationError([{ field: 'mapping', message: `is required for the ${format} format` }]);
  return options.mapping;
}
