import { NotAJobFeedError } from '../../errors';
import type { RawPosting } from '../../domain/posting';
import { draftMapping, ONBOARD_HINT, readingMapping } from './draft-mapping';
import type { FeedFormat, ParseOptions, ParseReport } from './format';
import {
  betterInference,
  describeInference,
  inferFields,
  type InferredFields,
  type SampleRecord,
} from './infer-fields';
import { sampleText } from './text-sample';
import { XmlEvents } from './xml-events';
import { xmlMappingFormat } from './xml-mapping.parser';
import { readXmlPostings, type XmlRecord } from './xml-records';

/** Enough of the document for a few dozen records: records are inferred from it, then the whole is streamed. */
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_RECORDS = 50;
const CANDIDATES_TRIED = 6;

/** An XML document in no known dialect, read when its repeated records plainly are job postings. */
export const genericXmlFormat: FeedFormat = {
  name: 'generic-xml',
  description: 'XML records in no known job feed format, read through an inferred field mapping',
  async *parse(text, report, options = {}) {
    yield* await readGenericXml(text, report, options);
  },
};

/**
 * Infers the record element and its fields from the document's first 64K characters, then streams the whole
 * document through xml-mapping with that mapping, with a warning naming what was inferred. Throws
 * NotAJobFeedError (with a draft mapping in its details) when the evidence is not strong.
 */
export async function readGenericXml(
  text: AsyncIterable<string>,
  report: ParseReport,
  options: ParseOptions,
): Promise<AsyncIterable<RawPosting>> {
  const { sample, text: whole } = await sampleText(text, SAMPLE_CHARS);
  const { root, inferred } = await inferXmlRecords(sample);
  if (!inferred || inferred.weakness) {
    const found = inferred?.weakness ?? 'it holds no elements with child elements to read as records';
    throw new NotAJobFeedError(
      `an XML document whose root element <${root ?? '?'}> is no job feed format: ${found}. ${ONBOARD_HINT}`,
      inferred && { suggestedMapping: draftMapping(inferred) },
    );
  }
  report.warnings.push(
    `read as generic XML records ${inferred.sample.label}: ${describeInference(inferred)}`,
  );
  return xmlMappingFormat.parse(whole, report, { ...options, mapping: readingMapping(inferred) });
}

/** The root element and the best reading of the sample's repeated elements (undefined when none repeat). */
export async function inferXmlRecords(
  sample: string,
): Promise<{ root: string | undefined; inferred: InferredFields | undefined }> {
  const { root, repeated } = repeatedElements(sample);
  let best: InferredFields | undefined;
  for (const element of repeated.slice(0, CANDIDATES_TRIED)) {
    const records: SampleRecord[] = [];
    for await (const record of readXmlPostings(once(sample), element.name, { warnings: [] }, sampleRecord)) {
      if (records.push(record) >= SAMPLE_RECORDS) break;
    }
    const inferred = inferFields({
      kind: 'XML',
      items: element.path,
      label: `<${element.name}>`,
      names: [element.name, element.parent],
      underPluralContainer: isPluralOf(element.parent, element.name),
      records,
      describe: (path) => describeXmlPath(element.name, path),
    });
    best = best ? betterInference(best, inferred) : inferred;
    if (!best.weakness) break;
  }
  return { root, inferred: best };
}

interface RepeatedElement {
  name: string;
  parent: string;
  /** From the root: "offres.offre". */
  path: string;
  depth: number;
  count: number;
}

/**
 * Elements below the root that have child elements: first those that repeat in the sample or stand alone in a
 * container named for many, then the rest; most frequent and shallowest first.
 */
function repeatedElements(sample: string): { root: string | undefined; repeated: RepeatedElement[] } {
  const open: { name: string; path: string; children: number }[] = [];
  const counts = new Map<string, RepeatedElement>();
  let root: string | undefined;
  const events = new XmlEvents({
    openTag(name) {
      const parent = open.at(-1);
      if (parent) parent.children++;
      root ??= name;
      open.push({ name, path: parent ? `${parent.path}.${name}` : name, children: 0 });
    },
    text() {},
    closeTag() {
      const element = open.pop();
      const parent = open.at(-1);
      if (!element || !parent || element.children === 0) return;
      const entry = counts.get(element.path) ?? {
        name: element.name,
        parent: parent.name,
        path: element.path,
        depth: open.length,
        count: 0,
      };
      entry.count++;
      counts.set(element.path, entry);
    },
  });
  events.write(sample);
  events.end();
  const repeats = (element: RepeatedElement) =>
    element.count >= 2 || isPluralOf(element.parent, element.name) ? 1 : 0;
  const repeated = [...counts.values()].sort(
    (a, b) => repeats(b) - repeats(a) || b.count - a.count || a.depth - b.depth,
  );
  return { root, repeated };
}

/** The record's fields in mapping syntax; the text of an element with children of its own is left out. */
function sampleRecord(record: XmlRecord): SampleRecord {
  const keys = Object.keys(record).filter((key) => !key.includes('['));
  const sample: SampleRecord = {};
  for (const key of keys) {
    if (keys.some((other) => other.startsWith(`${key}/`))) continue;
    sample[key.replaceAll('/', '.')] = record[key]!;
  }
  return sample;
}

/** "general.intitule" -> "<general/intitule>", "link@href" -> "<link href>", "@id" -> "<offre id>". */
function describeXmlPath(record: string, path: string): string {
  const [element, attribute] = path.split('@');
  const name = element ? element.replaceAll('.', '/') : record;
  return attribute ? `<${name} ${attribute}>` : `<${name}>`;
}

/** "jobs" of "job", "vacatures" of "vacature", "stellenangebote" of "stellenangebot", "vacancies" of "vacancy". */
function isPluralOf(container: string, name: string): boolean {
  const plurals = ['s', 'es', 'e', 'en', 'n'].map((ending) => name + ending);
  if (name.endsWith('y')) plurals.push(`${name.slice(0, -1)}ies`);
  return plurals.some((plural) => container === plural || container.endsWith(`_${plural}`));
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}
