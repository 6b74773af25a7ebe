import { PlainMarkupText } from './plain-markup';
import { cleanText, FragmentText, htmlToText, textOfFirstPass, type TextSource } from './text';

export interface TextPrefix {
  text: string;
  /** False when `text` is only the start of the fragment's text. */
  complete: boolean;
}

/** Text that a second decoding pass could change: then the whole fragment goes through htmlToText. */
const MARKUP_OR_ENTITY_START = /<|&[#a-z]/i;
/** How much further a source reads when whitespace collapsing left the text short. */
const MIN_STEP_CHARS = 32;

/**
 * Reads an HTML fragment's text only as far as asked: a snippet needs the start of a description, and converting
 * whole descriptions was the largest single cost of parsing a feed. Plain markup is read by PlainMarkupText, the
 * rest by htmlparser2's tokenizer. Each prefix is exactly the start of htmlToText(html): the fragment is read left
 * to right, and when the prefix holds nothing a second decoding pass would touch, that pass (for double-escaped
 * fragments) leaves it as it is; otherwise the whole fragment is converted.
 */
export class HtmlTextReader {
  private source: TextSource | null = null;
  private whole: string | null = null;

  constructor(private readonly html: string) {}

  /** At least `minChars` characters of the text, or all of it. */
  read(minChars: number): TextPrefix {
    if (this.whole !== null) return { text: this.whole, complete: true };
    if (!/[<&]/.test(this.html)) return this.readWhole();
    if (!this.source) {
      this.source = new PlainMarkupText(this.html);
      this.source.target = minChars;
      this.advance();
    }
    for (;;) {
      const source = this.source;
      if (source.length < source.target) return this.readWhole();
      const raw = source.parts.join('');
      const text = raw.length >= minChars ? cleanText(raw) : '';
      if (text.length >= minChars)
        return MARKUP_OR_ENTITY_START.test(text) ? this.readWhole() : { text, complete: false };
      source.target = source.length + Math.max(minChars - text.length, MIN_STEP_CHARS);
      this.advance();
    }
  }

  /** Reads on; markup the plain reader refuses goes to the tokenizer, from the start of the fragment. */
  private advance(): void {
    if (this.source!.advance()) return;
    const target = this.source!.target;
    this.source = new FragmentText(this.html);
    this.source.target = target;
    this.source.advance();
  }

  /** The rest of the fragment: the text so far is the start of its first decoding pass. */
  private readWhole(): TextPrefix {
    const source = this.source;
    if (source) source.target = Infinity;
    const firstPass = source?.advance() ? source.finish() : null;
    this.whole = firstPass === null ? htmlToText(this.html) : textOfFirstPass(firstPass);
    return { text: this.whole, complete: true };
  }
}
