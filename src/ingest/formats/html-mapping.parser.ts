import { htmlFormat } from './html-format';
import { splitAttribute } from './field-mapping.schema';
import { mappedPosting, mappingPaths, requireMapping } from './mapped-posting';
import { ValidationError } from '../../errors';

/**
 * Any HTML page through the feed's field mapping: `items` selects each posting's element, each field a CSS selector
 * inside it (its text; `@attr` for an attribute; the description keeps its markup for the text normalizer).
 */
export const htmlMappingFormat = htmlFormat({
  name: 'html-mapping',
  description: "an HTML page read through the feed's field mapping",
  read($, _report, options) {
    const mapping = requireMapping(options, 'html-mapping');
    if (!mapping.items)
      throw new ValidationError([
        { field: 'mapping.items', message: 'must be a CSS selector for an HTML page' },
      ]);
    const paths = mappingPaths(mapping);
    const selectors = new Map([...paths.values()].flat().map((path) => [path, splitAttribute(path)]));
    const items = selectorChecked('mapping.items', () => $(mapping.items).toArray());
    for (const [field, fieldPaths] of paths) {
      for (const path of fieldPaths) {
        const { target } = selectors.get(path)!;
        if (target) selectorChecked(`mapping.fields.${field}`, () => $.root().find(target));
      }
    }
    return items.map((item) =>
      mappedPosting(mapping, (path, field) => {
        const { target, attribute } = selectors.get(path)!;
        const element = target ? $(item).find(target).first() : $(item);
        if (attribute) return element.attr(attribute);
        return field === 'description' ? (element.html() ?? undefined) : element.text();
      }),
    );
  },
});

function selectorChecked<T>(field: string, select: () => T): T {
  try {
    return select();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError([{ field, message: `is not a CSS selector (${reason})` }]);
  }
}
