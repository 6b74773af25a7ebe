import { PlainMarkupText } from './plain-markup';
import { cleanLines, FragmentText, htmlToLines, textOfFirstPass, type TextSource } from './text';

export interface TextPrefix {
  text: string;
  /** False when `text` is only the start of the fragment's text. */
  complete: boolean;
}

/** Text that a second decoding pass could change: then the whole fragment goes through htmlToLines. */
const MARKUP_OR_ENTITY_START = /<|&[#a-z]/i;
/** How much further a source reads when whitespace collapsing left the text short. */
const MIN_STEP_CHARS = 32;

/**
 * Reads an HTML fragment's text only as far as asked: a snippet needs the start of a description, and converting
 * whole descriptions was the largest single cost of parsing a feed. Plain markup is read by PlainMarkupText, the
 * rest by htmlparser2's tokenizer. Each prefix is exactly the start of htmlToLines(html): the fragment is read left
 * to right, and when the prefix holds nothing a second decoding pass would touch, that pass (for double-escaped
 * fragments) leaves it as it is; otherwise the whole fragment is converted.
 */
export class HtmlTextReader {
  private source: TextSource | null = null;
  private whole: string | null = null;
  /** Characters of text converted so far, for tests that prove a reader reads a bounded prefix. */
  charsRead = 0;

  constructor(private readonly html: string) {}

  /** At least `minChars` characters of the text, or all of it. */
  read(minChars: number): TextPrefix {
    if (this.whole !== null) return { text: this.whole, complete: true };
    if (!/[<&]/.test(this.html)) return this.readPlain(minChars);
    if (!this.source) {
      this.source = new PlainMarkupText(this.html);
      this.source.target = minChars;
      this.advance();
    }
    for (;;) {
      const source = this.source;
      this.charsRead = source.length;
      if (source.length < source.target) return this.readWhole();
      const raw = source.parts.join('');
      const text = raw.length >= minChars ? cleanLines(raw) : '';
      if (text.length >= minChars)
        return MARKUP_OR_ENTITY_START.test(text) ? this.readWhole() : { text, complete: false };
      // Whitespace collapsing can keep the text short for long: each step at least doubles what is read.
      source.target = source.length + Math.max(minChars - text.length, MIN_STEP_CHARS, source.length);
      this.advance();
    }
  }

  /**
   * Text with neither markup nor entities: the first characters cleaned, more of them while whitespace collapsing
   * leaves them short, the whole once the asked length is near it.
   */
  private readPlain(minChars: number): TextPrefix {
    for (let end = minChars + MIN_STEP_CHARS; end < this.html.length; end *= 2) {
      const text = cleanLines(this.html.slice(0, end));
      this.charsRead = end;
      if (text.length >= minChars) return { text, complete: false };
    }
    this.charsRead = this.html.length;
    this.whole = cleanLines(this.html);
    return { text: this.whole, complete: true };
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
    const whole = firstPass === null ? htmlToLines(this.html) : textOfFirstPass(firstPass, true);
    this.whole = whole;
    this.charsRead = whole.length;
    return { text: whole, complete: true };
  }
}
