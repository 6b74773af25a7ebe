import { ValidationError } from '../../errors';
import type { RawPosting } from '../posting';
import type { FieldMapping, MappedField } from './field-mapping.schema';
import type { ParseOptions } from './format';

/** A posting from a feed's field mapping: each mapped field read with `read(spec, field)`. */
export function mappedPosting(
  mapping: FieldMapping,
  read: (spec: string, field: MappedField) => string | undefined,
): RawPosting {
  const posting: RawPosting = {};
  for (const [field, spec] of Object.entries(mapping.fields) as [MappedField, string | undefined][]) {
    if (spec) posting[field] = read(spec, field)?.trim() || undefined;
  }
  return posting;
}

/** The mapping a mapping format needs; reading without one is a validation error naming the field. */
export function requireMapping(options: ParseOptions, format: string): FieldMapping {
  if (!options.mapping)
    throw new ValidationError([{ field: 'mapping', message: `is required for the ${format} format` }]);
  return options.mapping;
}
