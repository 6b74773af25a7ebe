import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

export const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze(Object.create(null));

/**
 * What the XML and HTML readers share over htmlparser2's Tokenizer, without its Parser: text and names sliced from
 * the chunks they arrived in (chunks before the current token are let go), entities decoded, tag names and
 * attribute names lower-cased, the first of repeated attributes kept. A reader says what an element's opening,
 * closing and text mean; `tagName` and `attributes` hold the tag being opened.
 */
export abstract class TokenizedText implements TokenizerCallbacks {
  private readonly tokenizer: Tokenizer;
  private readonly chunks: string[] = [];
  /** Where chunks[0] starts in the whole document. */
  private chunksOffset = 0;
  protected tagName = '';
  protected attributes: Record<string, string> | null = null;
  private attributeName = '';
  private attributeValue = '';

  constructor(xmlMode: boolean) {
    this.tokenizer = new Tokenizer({ xmlMode, decodeEntities: true }, this);
  }

  protected abstract addText(value: string): void;
  abstract onopentagend(): void;
  abstract onselfclosingtag(): void;
  abstract onclosetag(start: number, end: number): void;

  write(chunk: string): void {
    this.chunks.push(chunk);
    this.tokenizer.write(chunk);
  }

  protected endTokens(): void {
    this.tokenizer.end();
  }

  ontext(start: number, end: number): void {
    this.addText(this.slice(start, end));
  }

  ontextentity(codePoint: number): void {
    this.addText(String.fromCodePoint(codePoint));
  }

  oncdata(start: number, end: number, endOffset: number): void {
    this.addText(this.slice(start, end - endOffset));
  }

  onopentagname(start: number, end: number): void {
    this.tagName = this.slice(start, end).toLowerCase();
    this.attributes = null;
  }

  onattribname(start: number, end: number): void {
    this.attributeName = this.slice(start, end).toLowerCase();
  }

  onattribdata(start: number, end: number): void {
    this.attributeValue += this.slice(start, end);
  }

  onattribentity(codePoint: number): void {
    this.attributeValue += String.fromCodePoint(codePoint);
  }

  onattribend(): void {
    this.attributes ??= Object.create(null) as Record<string, string>;
    this.attributes[this.attributeName] ??= this.attributeValue;
    this.attributeValue = '';
  }

  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}

  /** The document's characters from start to end, from the chunks they arrived in; chunks before start are let go. */
  protected slice(start: number, end: number): string {
    while (start - this.chunksOffset >= this.chunks[0]!.length)
      this.chunksOffset += this.chunks.shift()!.length;
    let text = this.chunks[0]!.slice(start - this.chunksOffset, end - this.chunksOffset);
    for (let i = 1, offset = this.chunksOffset + this.chunks[0]!.length; offset < end; i++) {
      text += this.chunks[i]!.slice(0, end - offset);
      offset += this.chunks[i]!.length;
    }
    return text;
  }
}
