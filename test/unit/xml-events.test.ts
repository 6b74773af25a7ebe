import { Parser } from 'htmlparser2';
import { XmlEvents } from '../../src/ingest/formats/xml-events';
import { seededRandom } from '../bench/feed-generator';

type XmlEvent = ['open', string, Record<string, string>] | ['text', string] | ['close'];

const NAMES = ['job', 'Title', 'company', 'link', 'salary', 'min', 'item'];
const TEXTS = ['Nurse', ' ', '\n  ', 'R&amp;D', 'caf&#233;', '&#x1F600;', '&lt;b&gt;', 'AT&T', 'a > b'];

/** XML as partners write it and worse: CDATA, comments, entities, self-closing, stray and mismatched close tags. */
function randomXml(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const open: string[] = [];
  const parts = ['<?xml version="1.0"?><source>'];
  for (let i = 0; i < 60; i++) {
    const roll = random();
    if (roll < 0.25) {
      const name = pick(NAMES);
      const attributes = random() < 0.3 ? ` id="${pick(TEXTS)}" REL='alternate' id="second"` : '';
      if (random() < 0.15) parts.push(`<${name}${attributes}/>`);
      else {
        parts.push(`<${name}${attributes}>`);
        open.push(name);
      }
    } else if (roll < 0.45 && open.length) parts.push(`</${open.pop()!}>`);
    else if (roll < 0.5) parts.push(`</${pick(NAMES).toUpperCase()}>`);
    else if (roll < 0.55 && open.length > 1) parts.push(`</${open.splice(-2)[0]!}>`);
    else if (roll < 0.62) parts.push(`<![CDATA[<p>${pick(TEXTS)}</p>]]>`);
    else if (roll < 0.65) parts.push('<!-- a comment -->');
    else parts.push(pick(TEXTS));
  }
  const document = parts.join('');
  return random() < 0.3 ? document.slice(0, Math.floor(random() * document.length)) : document;
}

/** The events of htmlparser2's Parser in xmlMode with lower-cased names, the reference XmlEvents must match. */
function parserEvents(chunks: string[]): XmlEvent[] {
  const events: XmlEvent[] = [];
  let ending = false;
  const parser = new Parser(
    {
      onopentag: (name, attributes) => events.push(['open', name, { ...attributes }]),
      ontext: (value) => events.push(['text', value]),
      // end() closes what is still open: XmlEvents leaves that to its caller, as openElements.
      onclosetag: () => ending || events.push(['close']),
    },
    { xmlMode: true, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  for (const chunk of chunks) parser.write(chunk);
  ending = true;
  parser.end();
  return events;
}

function xmlEvents(chunks: string[]): { events: XmlEvent[]; openElements: number } {
  const events: XmlEvent[] = [];
  const reader = new XmlEvents({
    openTag: (name, attributes) => events.push(['open', name, { ...attributes }]),
    text: (value) => events.push(['text', value]),
    closeTag: () => events.push(['close']),
  });
  for (const chunk of chunks) reader.write(chunk);
  reader.end();
  return { events, openElements: reader.openElements };
}

/** Adjacent text events as one: where a text breaks is not part of what either reader promises. */
function joinedText(events: XmlEvent[]): XmlEvent[] {
  const joined: XmlEvent[] = [];
  for (const event of events) {
    const last = joined[joined.length - 1];
    if (event[0] === 'text' && last?.[0] === 'text') last[1] += event[1];
    else joined.push(event[0] === 'text' ? ['text', event[1]] : event);
  }
  return joined;
}

function chunked(text: string, random: () => number): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < text.length;) {
    const size = 1 + Math.floor(random() * 20);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

describe('XmlEvents reads XML as htmlparser2 Parser does in xmlMode', () => {
  test('500 generated documents, written in chunks of 1 to 20 characters', () => {
    const random = seededRandom(5);
    for (let i = 0; i < 500; i++) {
      const xml = randomXml(random);
      const chunks = chunked(xml, random);
      expect(joinedText(xmlEvents(chunks).events)).toEqual(joinedText(parserEvents(chunks)));
    }
  });

  test('names are lower-cased, the first of repeated attributes wins, entities are decoded', () => {
    const { events } = xmlEvents(['<Job ID="1&amp;2" id="3"><Title>R&amp;D</Title></JOB>']);
    expect(joinedText(events)).toEqual([
      ['open', 'job', { id: '1&2' }],
      ['open', 'title', {}],
      ['text', 'R&D'],
      ['close'],
      ['close'],
    ]);
  });

  test('a close tag closes the elements opened inside it; a stray one is ignored; cut short is counted', () => {
    const { events, openElements } = xmlEvents(['<a><b><c></b></x><d>']);
    expect(events).toEqual([
      ['open', 'a', {}],
      ['open', 'b', {}],
      ['open', 'c', {}],
      ['close'],
      ['close'],
      ['open', 'd', {}],
    ]);
    expect(openElements).toBe(2);
  });
});
