import type { FieldMapping } from '../../domain/field-mapping';
import type { InferredFields } from './infer-fields';

/** What a "Not a job feed" message for an XML or JSON document in no known format ends with. */
export const ONBOARD_HINT =
  'Onboard it with a field mapping: `jobfeed mapping suggest --file PATH | --url URL` drafts one';

/** Stands in a draft for a required field nothing in the document fits: loads, reads nothing, is easy to find. */
export const TO_BE_PLACED = 'TODO';

/** The draft `jobfeed mapping suggest` prints and a failed preview offers: loadable as it is, with what it left out. */
export function draftMapping(inferred: InferredFields): FieldMapping {
  const { title, url, ...rest } = inferred.fields;
  return {
    items: inferred.sample.items,
    fields: { title: title ?? TO_BE_PLACED, url: url ?? TO_BE_PLACED, ...rest },
    unplaced: inferred.unplaced,
  };
}

/**
 * The mapping the generic readers read with. Records with an id and no link are still read, so each posting is
 * rejected for having no url, with a sample, rather than the whole document refused.
 */
export function readingMapping(inferred: InferredFields): FieldMapping {
  const { title, url, ...rest } = inferred.fields;
  return { items: inferred.sample.items, fields: { title: title!, url: url ?? { const: '' }, ...rest } };
}
