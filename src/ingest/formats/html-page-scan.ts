import { NotAJobFeedError } from '../../errors';
import { MAX_FIELD_CHARS } from './format';
import type { JsonObject } from './json-format';
import { NO_ATTRIBUTES, TokenizedText } from './tokenized-text';
import { MAX_HTML_CHARS } from './whole-document';

/**
 * Elements deeper than this are not tracked: microdata inside them is not read (JSON-LD blocks still are). Real
 * career pages nest a few dozen levels; a hostile page nesting 100,000 elements costs no more than a flat one.
 */
export const MAX_ELEMENT_DEPTH = 256;

/** What a page carries that jobfeed reads: its title, its JSON-LD blocks' text and its top-level microdata items. */
export interface ScannedPage {
  title: string | undefined;
  jsonLdBlocks: string[];
  /** Microdata items as JSON-LD nodes: `@type` from itemtype, one key per itemprop (an array when repeated). */
  microdata: JsonObject[];
  /** Whether elements nested deeper than MAX_ELEMENT_DEPTH were met. */
  tooDeep: boolean;
  /** A password field: the page is a sign-in form. */
  hasPasswordInput: boolean;
}

/**
 * Reads an HTML page as it streams in, with htmlparser2's tokenizer and no tree: htmlparser2's Parser and cheerio
 * spend time proportional to the nesting depth on every element, which made a page of 100,000 nested elements take
 * minutes. Pages longer than MAX_HTML_CHARS are refused.
 */
export async function scanHtmlPage(text: AsyncIterable<string>): Promise<ScannedPage> {
  const scanner = new HtmlPageScanner();
  let length = 0;
  for await (const chunk of text) {
    length += chunk.length;
    if (length > MAX_HTML_CHARS)
      throw new NotAJobFeedError(
        `an HTML page longer than ${MAX_HTML_CHARS} characters, more than any career page needs`,
      );
    scanner.write(chunk);
  }
  return scanner.end();
}

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Where an itemprop's value comes from, by element (the HTML microdata spec); others take their text. */
const VALUE_ATTRIBUTES: Record<string, string> = {
  meta: 'content',
  a: 'href',
  area: 'href',
  link: 'href',
  img: 'src',
  audio: 'src',
  video: 'src',
  source: 'src',
  iframe: 'src',
  embed: 'src',
  track: 'src',
  object: 'data',
  time: 'datetime',
  data: 'value',
  meter: 'value',
};

class TextProperty {
  text = '';
  /** Set when itemprops turn up inside it without an itemscope (SuccessFactors' jobLocation > address): its value. */
  item?: JsonObject;

  constructor(
    readonly owner: JsonObject,
    readonly names: string[],
  ) {}
}

interface OpenElement {
  name: string;
  item?: JsonObject;
  property?: TextProperty;
}

class HtmlPageScanner extends TokenizedText {
  private readonly open: OpenElement[] = [];
  /** Elements open below MAX_ELEMENT_DEPTH, counted but not tracked. */
  private untracked = 0;
  /** The open items and text properties, innermost last: a new itemprop belongs to the last one. */
  private readonly owners: (JsonObject | TextProperty)[] = [];
  private readonly textProperties: TextProperty[] = [];
  private readonly page: ScannedPage = {
    title: undefined,
    jsonLdBlocks: [],
    microdata: [],
    tooDeep: false,
    hasPasswordInput: false,
  };
  private jsonLd: string[] | null = null;
  private title: string[] | null = null;
  /** Inside a script or style element, whose text is no property's. */
  private inRawText = false;

  constructor() {
    super(false);
  }

  end(): ScannedPage {
    this.endTokens();
    while (this.open.length) this.closeElement(this.open.pop()!);
    this.endRawText();
    return this.page;
  }

  onopentagend(): void {
    const name = this.tagName;
    const attributes = this.attributes ?? NO_ATTRIBUTES;
    if (name === 'script' || name === 'style') this.inRawText = true;
    if (name === 'script')
      this.jsonLd = (attributes['type'] ?? '').trim().toLowerCase() === 'application/ld+json' ? [] : null;
    if (name === 'title' && this.page.title === undefined) this.title = [];
    if (VOID_ELEMENTS.has(name)) {
      if (name === 'input' && attributes['type']?.toLowerCase() === 'password')
        this.page.hasPasswordInput = true;
      this.readMicrodata(name, attributes);
      return;
    }
    if (this.untracked || this.open.length >= MAX_ELEMENT_DEPTH) {
      this.untracked++;
      this.page.tooDeep = true;
      return;
    }
    this.open.push({ name, ...this.readMicrodata(name, attributes) });
  }

  onselfclosingtag(): void {
    this.onopentagend();
  }

  onclosetag(start: number, end: number): void {
    const name = this.slice(start, end).toLowerCase();
    if (name === 'script' || name === 'style' || name === 'title') this.endRawText();
    if (this.untracked) {
      this.untracked--;
      return;
    }
    let at = this.open.length - 1;
    while (at >= 0 && this.open[at]!.name !== name) at--;
    while (at >= 0 && this.open.length > at) this.closeElement(this.open.pop()!);
  }

  protected addText(value: string): void {
    if (this.jsonLd) this.jsonLd.push(value);
    else if (this.title) this.title.push(value);
    if (this.inRawText) return;
    for (const property of this.textProperties)
      if (property.text.length < MAX_FIELD_CHARS) property.text += value;
  }

  private endRawText(): void {
    if (this.jsonLd) this.page.jsonLdBlocks.push(this.jsonLd.join(''));
    if (this.title)
      this.page.title = this.title.join('').replace(/\s+/g, ' ').trim().slice(0, 120) || undefined;
    this.jsonLd = null;
    this.title = null;
    this.inRawText = false;
  }

  /** The item an itemscope opens and the text property an itemprop starts; attribute values are set at once. */
  private readMicrodata(
    name: string,
    attributes: Readonly<Record<string, string>>,
  ): Omit<OpenElement, 'name'> {
    const names = (attributes['itemprop'] ?? '').split(/\s+/).filter(Boolean);
    const owner = names.length ? this.ownerOfNextProperty() : undefined;
    let item: JsonObject | undefined;
    // Some career sites (SuccessFactors) write itemtype without itemscope; the item is meant all the same.
    if ('itemscope' in attributes || 'itemtype' in attributes) {
      item = {};
      const types = (attributes['itemtype'] ?? '').split(/\s+/).filter(Boolean);
      if (types.length) item['@type'] = types.length === 1 ? types[0] : types;
      if (owner && names.length) addProperty(owner, names, item);
      else this.page.microdata.push(item);
      if (!VOID_ELEMENTS.has(name)) this.owners.push(item);
      return { item };
    }
    if (!owner || !names.length) return {};
    const valueAttribute = VALUE_ATTRIBUTES[name];
    if (valueAttribute || VOID_ELEMENTS.has(name)) {
      addProperty(owner, names, (attributes[valueAttribute ?? 'content'] ?? '').trim());
      return {};
    }
    const property = new TextProperty(owner, names);
    this.textProperties.push(property);
    this.owners.push(property);
    return { property };
  }

  private ownerOfNextProperty(): JsonObject | undefined {
    const owner = this.owners[this.owners.length - 1];
    if (!(owner instanceof TextProperty)) return owner;
    owner.item ??= {};
    return owner.item;
  }

  private closeElement(element: OpenElement): void {
    if (element.item) this.owners.pop();
    const property = element.property;
    if (property) {
      this.textProperties.pop();
      this.owners.pop();
      addProperty(property.owner, property.names, property.item ?? property.text.replace(/\s+/g, ' ').trim());
    }
    for (const property of this.textProperties)
      if (property.text.length < MAX_FIELD_CHARS) property.text += ' ';
  }
}

/** A repeated itemprop becomes an array of its values, in page order. */
function addProperty(item: JsonObject, names: string[], value: unknown): void {
  for (const name of names) {
    const current = item[name];
    if (current === undefined) item[name] = value;
    else if (Array.isArray(current)) current.push(value);
    else item[name] = [current, value];
  }
}
