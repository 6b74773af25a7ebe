import { decodeHTML } from 'entities';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { mayBeMojibake, repairMojibake } from './mojibake';

/**
 * Elements whose boundaries separate words: "<p>a</p><p>b</p>" reads "a b", not "ab". The readers mark them with a
 * line break, which cleanText turns into a space and cleanLines keeps: where a labelled header's value ends.
 */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
export const DROPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'head',
]);
const LOOKS_LIKE_MARKUP = /<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>/i;
const LOOKS_LIKE_ENTITY = /&(?:#\d{1,7}|#x[\da-f]{1,6}|[a-z][a-z\d]{1,31});/i;
/** Runs of whitespace and single whitespace other than a space: what cleanText turns into one space. */
const WHITESPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;
/** The same without line breaks: what cleanLines turns into one space (collapseLineBreaks does the line breaks). */
const SPACES_TO_COLLAPSE = /[^\S\n]{2,}|[^\S \n]/g;
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** htmlToText with line breaks kept where the fragment has them or its elements end lines; each one, once. */
export function htmlToLines(html: string): string {
  return /[<&]/.test(html) ? textOfFirstPass(markupToText(html), true) : cleanLines(html);
}

/**
 * Plain text from an HTML fragment: scripts dropped, entities decoded, one level of double escaping undone
 * ("&lt;p&gt;" markup, or "&amp;quot;" entities).
 */
export function htmlToText(html: string): string {
  return /[<&]/.test(html) ? textOfFirstPass(markupToText(html)) : cleanText(html);
}

/** The text of a fragment's first decoding pass, decoded once more if it turns out double-escaped, and cleaned. */
export function textOfFirstPass(text: string, lines = false): string {
  const doubleEscaped = LOOKS_LIKE_MARKUP.test(text) || LOOKS_LIKE_ENTITY.test(text);
  const second = doubleEscaped ? markupToText(text) : text;
  return lines ? cleanLines(second) : cleanText(second);
}

/** Whitespace collapsed, invisible and control characters removed, double-encoded UTF-8 repaired. */
export function cleanText(text: string): string {
  const repaired = mayBeMojibake(text) ? repairMojibake(text) : text;
  return repaired.replace(INVISIBLE, '').replace(WHITESPACE_TO_COLLAPSE, ' ').trim();
}

/**
 * cleanText keeping line breaks: each run of whitespace with a line break in it is one "\n". The result with every
 * "\n" turned into a space is cleanText's.
 */
export function cleanLines(text: string): string {
  const repaired = mayBeMojibake(text) ? repairMojibake(text) : text;
  const spaced = repaired.replace(INVISIBLE, '').replace(SPACES_TO_COLLAPSE, ' ');
  return collapseLineBreaks(spaced).trim();
}

/**
 * `text.replace(/ ?\n[\n ]*\/g, '\n')` found with indexOf: each line break, a space before it and the spaces and
 * line breaks after it become one "\n". The regex was tried at every space of the text.
 */
function collapseLineBreaks(text: string): string {
  let lineBreak = text.indexOf('\n');
  if (lineBreak < 0) return text;
  let out = '';
  let position = 0;
  for (; lineBreak >= 0; lineBreak = text.indexOf('\n', position)) {
    const start = lineBreak > position && text.charCodeAt(lineBreak - 1) === 32 ? lineBreak - 1 : lineBreak;
    let end = lineBreak + 1;
    while (end < text.length && (text.charCodeAt(end) === 10 || text.charCodeAt(end) === 32)) end++;
    out += `${text.slice(position, start)}\n`;
    position = end;
  }
  return out + text.slice(position);
}

/**
 * One fragment's text, straight from htmlparser2's tokenizer: text needs neither the parser's element stack nor
 * its attribute objects, and skipping them saves about a quarter of the conversion time. The tokenizer skips entity
 * decoding (its text state then jumps from tag to tag); each piece of text with an "&" is decoded by `entities`, the
 * decoder the tokenizer itself uses. `target` pauses the tokenizer once that many characters of text are in. Each
 * fragment gets a new collector, so no state leaks from one that ends inside an unclosed <script>.
 */
export class FragmentText implements TokenizerCallbacks, TextSource {
  readonly parts: string[] = [];
  length = 0;
  target = Infinity;
  readonly tokenizer = new Tokenizer({ decodeEntities: false }, this);
  private dropDepth = 0;
  private started = false;

  constructor(private readonly html: string) {}

  advance(): boolean {
    if (this.started) this.tokenizer.resume();
    else {
      this.started = true;
      this.tokenizer.write(this.html);
    }
    return true;
  }

  finish(): string {
    this.target = Infinity;
    this.advance();
    this.tokenizer.end();
    return this.parts.join('');
  }

  onopentagname(start: number, end: number): void {
    const name = this.html.slice(start, end).toLowerCase();
    if (DROPPED_ELEMENTS.has(name)) this.dropDepth++;
    else if (BLOCK_ELEMENTS.has(name)) this.parts.push('\n');
  }

  onclosetag(start: number, end: number): void {
    const name = this.html.slice(start, end).toLowerCase();
    if (DROPPED_ELEMENTS.has(name)) this.dropDepth = Math.max(0, this.dropDepth - 1);
    if (DROPPED_ELEMENTS.has(name)) this.parts.push(' ');
    else if (BLOCK_ELEMENTS.has(name)) this.parts.push('\n');
  }

  ontext(start: number, end: number): void {
    if (this.dropDepth > 0) return;
    const text = this.html.slice(start, end);
    this.add(text.includes('&') ? decodeHTML(text) : text);
  }

  private add(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= this.target) this.tokenizer.pause();
  }

  onattribdata(): void {}
  onattribentity(): void {}
  onattribend(): void {}
  onattribname(): void {}
  oncdata(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onend(): void {}
  onopentagend(): void {}
  onprocessinginstruction(): void {}
  onselfclosingtag(): void {}
  ontextentity(): void {}
}

function markupToText(html: string): string {
  return /[<&]/.test(html) ? new FragmentText(html).finish() : html;
}

/** A fragment's text as it is read: `parts` so far, `length` characters in all. */
export interface TextSource {
  readonly parts: string[];
  readonly length: number;
  /** Where reading pauses: once `length` reaches it. */
  target: number;
  /** Reads on towards `target`; false when the source cannot read this fragment (and another must). */
  advance(): boolean;
  /** Reads to the end; the whole first-pass text. */
  finish(): string;
}
