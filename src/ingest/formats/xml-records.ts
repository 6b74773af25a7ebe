import type { ParseReport } from './format';
import { XmlEvents } from './xml-events';

/**
 * One record element's children as text, keyed by lower-case name ("title", "content:encoded", "salary/min",
 * "link@href"); an element with a rel attribute also by it, repeated or not ("link[alternate]@href").
 */
export type XmlRecord = Record<string, string>;

interface XmlReadState {
  /** Open elements when the document ended: more than 0 means it was cut short. */
  openElements: number;
}

const MAX_FIELD_CHARS = 256 * 1024;
const MAX_FEED_FIELD_CHARS = 1024;
/**
 * Records inherit from an empty object without a prototype: an element named constructor or __proto__ is a field
 * like any other, and unlike Object.create(null) the record keeps V8's fast property layout.
 */
const RECORD_PROTOTYPE: object = Object.freeze(Object.create(null));

/**
 * Streams the records of an XML document: every element named `recordName` (lower case; or any of a set of names)
 * becomes one XmlRecord as soon as it closes, so memory holds one chunk and its records at a time. They come in one
 * batch per chunk of text: an async step per record was a measurable part of reading big feeds. A record left open
 * when the document ends is dropped.
 */
async function* readXmlRecordBatches(
  text: AsyncIterable<string>,
  recordName: string | ReadonlySet<string>,
  state: XmlReadState,
  feedFields: FeedFields | undefined,
): AsyncGenerator<XmlRecord[]> {
  const recordNames = typeof recordName === 'string' ? new Set([recordName]) : recordName;
  const done: XmlRecord[] = [];
  const path: string[] = [];
  let recordDepth = -1;
  let record: XmlRecord = {};
  let childKeys: string[] = [];

  const append = (key: string, value: string) => {
    const current = record[key] ?? '';
    if (current.length < MAX_FIELD_CHARS) record[key] = current + value;
  };

  let feedKey: string | null = null;
  const events = new XmlEvents({
    openTag(name, attributes) {
      path.push(name);
      const depth = path.length - 1;
      if (recordDepth < 0) {
        if (feedFields && !recordNames.has(name)) {
          const key = path.join('/');
          feedKey = feedFields.paths.has(key) ? key : null;
        }
        if (recordNames.has(name)) {
          recordDepth = depth;
          record = Object.create(RECORD_PROTOTYPE) as XmlRecord;
          for (const attr in attributes) record[`@${attr}`] = attributes[attr]!;
        }
        return;
      }
      const isChild = depth === recordDepth + 1;
      const key = isChild ? name : path.slice(recordDepth + 1).join('/');
      const isRepeat = isChild && record[key] !== undefined;
      childKeys.push(isRepeat ? '' : key);
      const rel = attributes['rel'];
      for (const attr in attributes) {
        const value = attributes[attr]!;
        if (!isRepeat) record[`${key}@${attr}`] ??= value;
        if (rel) record[`${key}[${rel}]@${attr}`] ??= value;
      }
      if (!isRepeat) record[key] ??= '';
    },
    text(value) {
      if (recordDepth < 0 && feedKey && feedFields) {
        const current = feedFields.values[feedKey] ?? '';
        if (current.length < MAX_FEED_FIELD_CHARS) feedFields.values[feedKey] = current + value;
        return;
      }
      if (recordDepth < 0 || childKeys.length === 0) return;
      const top = childKeys[0];
      if (!top) return;
      append(top, value);
      const own = childKeys[childKeys.length - 1];
      if (childKeys.length > 1 && own) append(own, value);
    },
    closeTag() {
      const depth = path.length - 1;
      path.pop();
      feedKey = null;
      if (recordDepth < 0) return;
      if (depth === recordDepth) {
        done.push(record);
        recordDepth = -1;
        childKeys = [];
      } else {
        childKeys.pop();
        if (childKeys[0]) append(childKeys[0], ' ');
      }
    },
  });

  for await (const chunk of text) {
    events.write(chunk);
    if (done.length) yield done.splice(0);
  }
  state.openElements = events.openElements;
  recordDepth = -1;
  events.end();
  if (done.length) yield done.splice(0);
}

/**
 * Elements of the document outside its records, by their path from the root ("rss/channel/dc:publisher",
 * "feed/author/name"): read into `values` as they pass, so the records after them can use them.
 */
export interface FeedFields {
  paths: ReadonlySet<string>;
  values: Record<string, string>;
}

/** The loop every streamed XML format shares: each record as a posting, and a warning when the document was cut short. */
export async function* readXmlPostings<T>(
  text: AsyncIterable<string>,
  recordName: string | ReadonlySet<string>,
  report: ParseReport,
  toPosting: (record: XmlRecord, feed: Readonly<Record<string, string>>) => T,
  feedPaths?: ReadonlySet<string>,
): AsyncGenerator<T> {
  const state: XmlReadState = { openElements: 0 };
  const feedFields = feedPaths && { paths: feedPaths, values: {} };
  const feed = feedFields?.values ?? {};
  for await (const records of readXmlRecordBatches(text, recordName, state, feedFields)) {
    for (const record of records) yield toPosting(record, feed);
  }
  if (state.openElements > 0)
    report.warnings.push('the document ends before its closing tags: it was cut short');
}
