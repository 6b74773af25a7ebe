import { NotAJobFeedError } from '../../errors';
import type { RawPosting } from '../../domain/posting';
import { withFieldsCapped, type FeedFormat, type ParseOptions, type ParseReport } from './format';
import { parseJsonDocument, readWholeText } from './whole-document';

export type JsonObject = Record<string, unknown>;

/** A format over a parsed JSON document, recognised by its shape. */
export interface JsonFeedFormat extends FeedFormat {
  /** Whether a parsed document has this format's shape. */
  matches(document: unknown): boolean;
  read(document: unknown, report: ParseReport, options: ParseOptions): Iterable<RawPosting>;
}

/**
 * A JSON format from its shape test and reader; `parse` reads the text whole (JSON is not streamed). Every field read
 * is cut to MAX_FIELD_CHARS.
 */
export function jsonFormat(spec: Omit<JsonFeedFormat, 'parse'>): JsonFeedFormat {
  const read: JsonFeedFormat['read'] = (document, report, options) =>
    withFieldsCapped(spec.read(document, report, options), report);
  return {
    ...spec,
    read,
    async *parse(text, report, options = {}) {
      const document = parseJsonDocument(await readWholeText(text, 'a JSON document'));
      if (!spec.matches(document))
        throw new NotAJobFeedError(`${describeJson(document)}, not ${spec.description}`);
      yield* read(document, report, options);
    },
  };
}

/**
 * A format whose document holds its postings in one list of objects, recognised by keys its first item has: the
 * shape of every ATS job-board API read here. The list and the keys are given once, for both the test and the read.
 */
export function jsonListFormat(spec: {
  name: string;
  description: string;
  items(document: unknown): unknown[] | undefined;
  itemKeys: readonly string[];
  /** `document` is the whole response, for what it names once for every posting (Workable's company). */
  toRawPosting(item: JsonObject, document: unknown): RawPosting;
}): JsonFeedFormat {
  return jsonFormat({
    name: spec.name,
    description: spec.description,
    matches: (document) => firstItemHas(spec.items(document), ...spec.itemKeys),
    read: (document) => objects(spec.items(document)).map((item) => spec.toRawPosting(item, document)),
  });
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, key: string): JsonObject | undefined {
  const child = isObject(value) ? value[key] : undefined;
  return isObject(child) ? child : undefined;
}

export function arrayAt(value: unknown, key: string): unknown[] | undefined {
  const child = isObject(value) ? value[key] : undefined;
  return Array.isArray(child) ? child : undefined;
}

/** A string or number field as text; anything else (objects, empty strings) as undefined. */
export function textAt(value: unknown, key: string): string | undefined {
  return scalarText(isObject(value) ? value[key] : undefined);
}

export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** The items of an array of objects; a non-object item becomes {} so it is rejected as a posting, not skipped. */
export function objects(items: unknown[] | undefined): JsonObject[] {
  return (items ?? []).map((item) => (isObject(item) ? item : {}));
}

/** Whether the first item of `items` is an object holding every one of `keys`. */
export function firstItemHas(items: unknown[] | undefined, ...keys: string[]): boolean {
  const first = items?.[0];
  return isObject(first) && keys.every((key) => key in first);
}

/** What a JSON document is, for "not a job feed" messages. */
export function describeJson(document: unknown): string {
  if (Array.isArray(document)) return `a JSON array of ${document.length} items`;
  if (isObject(document)) {
    const keys = Object.keys(document);
    return `a JSON object with ${keys.length ? `keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}` : 'no keys'}`;
  }
  return `a JSON ${document === null ? 'null' : typeof document}`;
}

/** The strings and numbers of an array field joined with ", " (`tags`, `job_types`); undefined when none. */
export function textsAt(value: unknown, key: string): string | undefined {
  const items = arrayAt(value, key)?.map(scalarText).filter(Boolean);
  return items?.length ? items.join(', ') : undefined;
}

const OFFSETLESS_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

/**
 * A timestamp an API documents as UTC but writes without an offset ("2026-10-05T05:15:43", "2026-10-05 05:15:43")
 * with the offset added: Date.parse would otherwise read it in the server's local time zone.
 */
export function utcTimestamp(text: string | undefined): string | undefined {
  const match = text ? OFFSETLESS_TIMESTAMP.exec(text) : null;
  return match ? `${match[1]}T${match[2]}Z` : text;
}
