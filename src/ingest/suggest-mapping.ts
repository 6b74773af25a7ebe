import { NotAJobFeedError } from '../errors';
import { decodeDocument } from './read-feed';
import { sniffDocument } from './detect-format';
import { JSON_FORMATS } from './formats';
import { draftMapping, TO_BE_PLACED } from './formats/draft-mapping';
import type { FieldMapping } from '../domain/field-mapping';
import { inferJsonRecords } from './formats/generic-json.parser';
import { inferXmlRecords } from './formats/generic-xml.parser';
import type { InferredFields } from './formats/infer-fields';
import { sampleText } from './formats/text-sample';
import { parseJsonDocument, readWholeText } from './formats/whole-document';

const SAMPLE_CHARS = 64 * 1024;

export interface MappingSuggestion {
  /** A draft loadable as a feed's mapping as it is: required fields nothing fits read "TODO". */
  mapping: FieldMapping;
  /** For the person finishing the draft: what to fill in, and whether jobfeed needs a mapping at all. */
  notes: string[];
}

/**
 * A draft field mapping for an XML or JSON document, inferred from its structure as the generic readers infer one
 * (the record element or array, per field the best candidate), whatever the strength of the evidence.
 */
export async function suggestMapping(
  body: AsyncIterable<Uint8Array>,
  contentType: string | undefined,
): Promise<MappingSuggestion> {
  const { head, charset, text } = await decodeDocument(body, contentType);
  const found = sniffDocument(new TextDecoder(charset).decode(head), contentType);
  const notes: string[] = [];
  let inferred: InferredFields | undefined;
  if (found.kind === 'xml') {
    if (found.format) notes.push(`jobfeed reads this document without a mapping, as ${found.format.name}`);
    inferred = (await inferXmlRecords((await sampleText(text, SAMPLE_CHARS)).sample)).inferred;
    if (!inferred)
      throw new NotAJobFeedError('an XML document with no elements with child elements to read as records');
  } else if (found.kind === 'json') {
    const document = parseJsonDocument(await readWholeText(text, 'a JSON document'));
    const known = JSON_FORMATS.find((format) => format.matches(document));
    if (known) notes.push(`jobfeed reads this document without a mapping, as ${known.name}`);
    inferred = inferJsonRecords(document);
    if (!inferred) throw new NotAJobFeedError('a JSON document with no array of objects to read as records');
  } else {
    throw new NotAJobFeedError(
      'an HTML page: mapping suggest drafts mappings for XML and JSON documents; map a page with CSS selectors (README "Field mappings")',
    );
  }
  if (!notes.length && !inferred.weakness)
    notes.push(`jobfeed reads this document without a mapping, as generic ${inferred.sample.kind} records`);
  for (const field of ['title', 'url'] as const) {
    if (!inferred.sources[field])
      notes.push(
        `${field}: nothing in the ${inferred.sample.label} records looks like a ${field === 'url' ? 'link' : 'job title'}; replace "${TO_BE_PLACED}" with its path (one of "unplaced")`,
      );
  }
  return { mapping: draftMapping(inferred), notes };
}
