import { decodeHTML } from 'entities';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/** Elements whose boundaries separate words: "<p>a</p><p>b</p>" reads "a b", not "ab". */
const BLOCK_ELEMENTS = new Set([
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
const DROPPED_ELEMENTS = new Set([
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
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Plain text from an HTML fragment: scripts dropped, entities decoded, one level of double escaping undone
 * ("&lt;p&gt;" markup, or "&amp;quot;" entities).
 */
export function htmlToText(html: string): string {
  return textOfFirstPass(markupToText(html));
}

function textOfFirstPass(text: string): string {
  const doubleEscaped = LOOKS_LIKE_MARKUP.test(text) || LOOKS_LIKE_ENTITY.test(text);
  return cleanText(doubleEscaped ? markupToText(text) : text);
}

/** Whitespace collapsed, invisible and control characters removed. */
export function cleanText(text: string): string {
  return text.replace(INVISIBLE, '').replace(WHITESPACE_TO_COLLAPSE, ' ').trim();
}

/**
 * One fragment's text, straight from htmlparser2's tokenizer: text needs neither the parser's element stack nor its
 * attribute objects, and skipping them saves about a quarter of the conversion time. The tokenizer skips entity decoding (its
 * text state then jumps from tag to tag); each piece of text with an "&" is decoded by `entities`, the decoder the
 * tokenizer itself uses. `target` pauses the tokenizer once that many characters of text are in. Each fragment gets a
 * new collector, so no state leaks from one that ends inside an unclosed <script>.
 */
class FragmentText implements TokenizerCallbacks {
  readonly parts: string[] = [];
  length = 0;
  target = Infinity;
  readonly tokenizer = new Tokenizer({ decodeEntities: false }, this);
  private dropDepth = 0;

  constructor(private readonly html: string) {}

  onopentagname(start: number, end: number): void {
    const name = this.html.slice(start, end).toLowerCase();
    if (DROPPED_ELEMENTS.has(name)) this.dropDepth++;
    else if (BLOCK_ELEMENTS.has(name)) this.parts.push(' ');
  }

  onclosetag(start: number, end: number): void {
    const name = this.html.slice(start, end).toLowerCase();
    if (DROPPED_ELEMENTS.has(name)) this.dropDepth = Math.max(0, this.dropDepth - 1);
    if (DROPPED_ELEMENTS.has(name) || BLOCK_ELEMENTS.has(name)) this.parts.push(' ');
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
  if (!/[<&]/.test(html)) return html;
  const fragment = new FragmentText(html);
  fragment.tokenizer.write(html);
  fragment.tokenizer.end();
  return fragment.parts.join('');
}

export interface TextPrefix {
  text: string;
  /** False when `text` is only the start of the fragment's text. */
  complete: boolean;
}

/** Text that a second decoding pass could change: then the whole fragment goes through htmlToText. */
const MARKUP_OR_ENTITY_START = /<|&[#a-z]/i;

/**
 * Reads an HTML fragment's text only as far as asked: a snippet needs the start of a description, and converting
 * whole descriptions was the largest single cost of parsing a feed. Each prefix is exactly the start of htmlToText(html): the
 * fragment is tokenized left to right, and when the prefix holds nothing a second decoding pass would touch, that
 * pass (for double-escaped fragments) leaves it as it is; otherwise the whole fragment is converted.
 */
export class HtmlTextReader {
  private fragment: FragmentText | null = null;
  private whole: string | null = null;

  constructor(private readonly html: string) {}

  /** At least `minChars` characters of the text, or all of it. */
  read(minChars: number): TextPrefix {
    if (this.whole !== null) return { text: this.whole, complete: true };
    if (!/[<&]/.test(this.html)) return this.readWhole();
    const fragment = this.fragment ?? this.start(minChars);
    for (;;) {
      if (fragment.length < fragment.target) return this.readWhole();
      const raw = fragment.parts.join('');
      const text = raw.length >= minChars ? cleanText(raw) : '';
      if (text.length >= minChars)
        return MARKUP_OR_ENTITY_START.test(text) ? this.readWhole() : { text, complete: false };
      fragment.target = fragment.length + Math.max(minChars - text.length, MIN_STEP_CHARS);
      fragment.tokenizer.resume();
    }
  }

  private start(minChars: number): FragmentText {
    this.fragment = new FragmentText(this.html);
    this.fragment.target = minChars;
    this.fragment.tokenizer.write(this.html);
    return this.fragment;
  }

  /** The rest of the fragment: the text so far is the start of its first decoding pass. */
  private readWhole(): TextPrefix {
    const fragment = this.fragment;
    if (fragment) {
      fragment.target = Infinity;
      fragment.tokenizer.resume();
      fragment.tokenizer.end();
      this.whole = textOfFirstPass(fragment.parts.join(''));
    } else {
      this.whole = htmlToText(this.html);
    }
    return { text: this.whole, complete: true };
  }
}

/** How much further the tokenizer reads when whitespace collapsing left the text short. */
const MIN_STEP_CHARS = 32;
