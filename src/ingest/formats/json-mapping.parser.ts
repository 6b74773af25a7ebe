import { NotAJobFeedError } from '../../errors';
import { describeJson, isObject, jsonFormat, objects, scalarText } from './json-format';
import { mappedPosting, requireMapping } from './mapped-posting';

/** Any JSON document through the feed's field mapping: dotted paths to the postings array and into each posting. */
export const jsonMappingFormat = jsonFormat({
  name: 'json-mapping',
  description: "a JSON document read through the feed's field mapping",
  matches: (document) => isObject(document) || Array.isArray(document),
  read(document, _report, options) {
    const mapping = requireMapping(options, 'json-mapping');
    const items = valueAt(document, mapping.items);
    if (!Array.isArray(items))
      throw new NotAJobFeedError(
        `${describeJson(document)} with no array at the mapping's items path ${JSON.stringify(mapping.items)}`,
      );
    return objects(items).map((item) => mappedPosting(mapping, (path) => textOf(valueAt(item, path))));
  },
});

/** The value at a dotted path ("location.city", "tags.0"); "" is the value itself. */
function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.').filter(Boolean)) {
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isObject(current) && Object.hasOwn(current, key)) current = current[key];
    else return undefined;
  }
  return current;
}

/** Scalars as text; arrays of scalars joined with ", ". */
function textOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map(scalarText).filter(Boolean).join(', ') || undefined;
  return scalarText(value);
}
