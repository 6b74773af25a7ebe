import { MAX_FIELD_CHARS, type ParseReport } from './format';
import { XmlEvents } from './xml-events';

/**
 * One record element's children as text, keyed by lower-case name ("title", "content:encoded", "salary/min",
 * "link@href"); an element with a rel attribute also by it, repeated or not ("link[alternate]@href"). A nested
 * element named in `listItems` keeps each occurrence apart: the second is "jobdescriptions/jobdescription#2/value".
 */
export type XmlRecord = Record<string, string>;

interface XmlReadState {
  /** Open elements when the document ended: more than 0 means it was cut short. */
  openElements: number;
  /** Records that had elements past MAX_KEY_DEPTH or more than MAX_RECORD_KEYS keys. */
  cappedRecords: number;
}

export const CUT_SHORT_WARNING = 'the document ends before its closing tags: it was cut short';
/** Nested fields keep their own key to this depth below the record ("jobdescriptions/jobdescription/value"). */
export const MAX_KEY_DEPTH = 4;
/** Keys one record may hold; partner records carry a few dozen. */
export const MAX_RECORD_KEYS = 500;
const MAX_FEED_FIELD_CHARS = 1024;
/** Feed-level fields sit this close to the root ("rss/channel/dc:publisher"). */
const MAX_FEED_FIELD_DEPTH = 4;
/**
 * Records inherit from an empty object without a prototype: an element named constructor or __proto__ is a field
 * like any other, and unlike Object.create(null) the record keeps V8's fast property layout.
 */
const RECORD_PROTOTYPE: object = Object.freeze(Object.create(null));

/**
 * Streams the records of an XML document: every element named `recordName` (lower case; or any of a set of names)
 * becomes one XmlRecord as soon as it closes, so memory holds one chunk and its records at a time. They come in one
 * batch per chunk of text: an async step per record was a measurable part of reading big feeds. A record left open
 * when the document ends is dropped. Work per element is bounded: keys are built from their parent's key, only to
 * MAX_KEY_DEPTH below the record, and at most MAX_RECORD_KEYS of them; deeper text still counts for its top field.
 */
async function* readXmlRecordBatches(
  text: AsyncIterable<string>,
  recordName: string | ReadonlySet<string>,
  state: XmlReadState,
  options: XmlRecordOptions,
): AsyncGenerator<XmlRecord[]> {
  const recordNames = typeof recordName === 'string' ? new Set([recordName]) : recordName;
  const done: XmlRecord[] = [];
  let depth = -1;
  let recordDepth = -1;
  let record: XmlRecord = {};
  let keyCount = 0;
  let capped = false;
  /** Per open element below the record: its key ('' past MAX_KEY_DEPTH), and the key its text goes to ('' for none). */
  let paths: string[] = [];
  let childKeys: string[] = [];
  let occurrences = new Map<string, number>();
  const { listItems, feedFields } = options;
  /** Outside records, the path of each open element near the root, by depth, for feed-level fields. */
  const outsidePaths: string[] = [];

  const setKey = (key: string, value: string): void => {
    if (record[key] !== undefined) return;
    if (keyCount >= MAX_RECORD_KEYS) {
      capped = true;
      return;
    }
    keyCount++;
    record[key] = value;
  };
  const append = (key: string, value: string) => {
    const current = record[key];
    if (current !== undefined && current.length < MAX_FIELD_CHARS) record[key] = current + value;
  };

  /** The first occurrence keeps the plain key; later ones are numbered, and their children nest under the number. */
  const listItemKey = (key: string): string => {
    const count = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, count);
    return count === 1 ? key : `${key}#${count}`;
  };

  let feedKey: string | null = null;
  const events = new XmlEvents({
    openTag(name, attributes) {
      depth++;
      if (recordDepth < 0) {
        if (feedFields && depth < MAX_FEED_FIELD_DEPTH && !recordNames.has(name)) {
          const key = depth === 0 ? name : `${outsidePaths[depth - 1]}/${name}`;
          outsidePaths[depth] = key;
          feedKey = feedFields.paths.has(key) ? key : null;
        }
        if (recordNames.has(name)) {
          recordDepth = depth;
          record = Object.create(RECORD_PROTOTYPE) as XmlRecord;
          keyCount = 0;
          capped = false;
          if (occurrences.size) occurrences = new Map();
          for (const attr in attributes) setKey(`@${attr}`, attributes[attr]!);
        }
        return;
      }
      const level = depth - recordDepth;
      if (level > MAX_KEY_DEPTH) {
        capped = true;
        paths.push('');
        childKeys.push('');
        return;
      }
      let key = level === 1 ? name : `${paths[paths.length - 1]!}/${name}`;
      if (listItems && level > 1 && listItems.has(name)) key = listItemKey(key);
      const isRepeat = level === 1 && record[key] !== undefined;
      paths.push(key);
      const rel = attributes['rel'];
      for (const attr in attributes) {
        const value = attributes[attr]!;
        if (!isRepeat) setKey(`${key}@${attr}`, value);
        if (rel) setKey(`${key}[${rel}]@${attr}`, value);
      }
      if (!isRepeat) setKey(key, '');
      childKeys.push(isRepeat || record[key] === undefined ? '' : key);
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
      const closing = depth--;
      feedKey = null;
      if (recordDepth < 0) return;
      if (closing === recordDepth) {
        done.push(record);
        if (capped) state.cappedRecords++;
        recordDepth = -1;
        paths = [];
        childKeys = [];
      } else {
        paths.pop();
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

interface XmlRecordOptions {
  listItems?: ReadonlySet<string>;
  feedFields?: FeedFields;
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
  options: { feedPaths?: ReadonlySet<string>; listItems?: ReadonlySet<string> } = {},
): AsyncGenerator<T> {
  const state: XmlReadState = { openElements: 0, cappedRecords: 0 };
  const feedFields = options.feedPaths && { paths: options.feedPaths, values: {} };
  const feed = feedFields?.values ?? {};
  for await (const records of readXmlRecordBatches(text, recordName, state, { ...options, feedFields })) {
    for (const record of records) yield toPosting(record, feed);
  }
  if (state.cappedRecords > 0)
    report.warnings.push(
      `${state.cappedRecords} ${state.cappedRecords === 1 ? 'record nests' : 'records nest'} elements deeper than ${MAX_KEY_DEPTH} levels or more than ${MAX_RECORD_KEYS} of them: the rest was read as text of the fields above`,
    );
  if (state.openElements > 0) {
    report.truncated = true;
    report.warnings.push(CUT_SHORT_WARNING);
  }
}
