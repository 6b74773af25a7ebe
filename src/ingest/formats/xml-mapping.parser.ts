import { ValidationError } from '../../errors';
import type { FeedFormat } from './format';
import { splitAttribute } from './field-mapping.schema';
import { mappedPosting, mappingPaths, requireMapping } from './mapped-posting';
import { readXmlPostings } from './xml-records';

/** Any XML document through the feed's field mapping, streamed like the standard XML feeds. */
export const xmlMappingFormat: FeedFormat = {
  name: 'xml-mapping',
  description: "an XML document read through the feed's field mapping",
  async *parse(text, report, options = {}) {
    const mapping = requireMapping(options, 'xml-mapping');
    const recordName = mapping.items.split('.').at(-1)!.trim().toLowerCase();
    if (!recordName)
      throw new ValidationError([
        { field: 'mapping.items', message: 'must name the posting element for an XML document' },
      ]);
    const keys = new Map([...mappingPaths(mapping).values()].flat().map((path) => [path, recordKey(path)]));
    yield* readXmlPostings(text, recordName, report, (record) =>
      mappedPosting(mapping, (path) => record[keys.get(path)!]),
    );
  },
};

/** "salary.min" -> "salary/min", "link@href" -> "link@href", "@id" -> "@id": the keys an XmlRecord has. */
function recordKey(spec: string): string {
  const { target, attribute } = splitAttribute(spec);
  const path = target.split('.').filter(Boolean).join('/').toLowerCase();
  return attribute ? `${path}@${attribute.toLowerCase()}` : path;
}
