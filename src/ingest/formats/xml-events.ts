import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { NotAJobFeedError } from '../../errors';

/** What an XML reader hears: elements opening (names and attribute names in lower case), text, elements closing. */
export interface XmlHandler {
  openTag(name: string, attributes: Readonly<Record<string, string>>): void;
  text(value: string): void;
  closeTag(): void;
}

const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze(Object.create(null));
/** Far deeper than any job feed nests (they stay under 20): past it the document is refused. */
export const MAX_XML_DEPTH = 256;

/**
 * XML events straight from htmlparser2's tokenizer, for streams of records. It does what htmlparser2's Parser
 * does in xmlMode (lower-cased names, entities decoded, CDATA as text, a close tag closing every element opened
 * after its own, a stray close tag ignored) without the parts of the Parser XML does not need: reading records
 * through the Parser cost 8% more of the 200,000-posting parse bench. Text that spans chunks is sliced from the
 * chunks kept since it began. test/unit/xml-events.test.ts compares the two on generated documents.
 * Each event costs constant time whatever came before: open elements are counted by name, so a stray close tag is
 * ignored without searching the stack, and the document's depth is capped at MAX_XML_DEPTH.
 */
export class XmlEvents implements TokenizerCallbacks {
  private readonly tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, this);
  private readonly open: string[] = [];
  private readonly openByName = new Map<string, number>();
  private readonly chunks: string[] = [];
  /** Where chunks[0] starts in the whole document. */
  private chunksOffset = 0;
  private tagName = '';
  private attributes: Record<string, string> | null = null;
  private attributeName = '';
  private attributeValue = '';

  constructor(private readonly handler: XmlHandler) {}

  /** Elements still open: after end(), more than 0 means the document was cut short. */
  get openElements(): number {
    return this.open.length;
  }

  write(chunk: string): void {
    this.chunks.push(chunk);
    this.tokenizer.write(chunk);
  }

  end(): void {
    this.tokenizer.end();
  }

  ontext(start: number, end: number): void {
    this.handler.text(this.slice(start, end));
  }

  ontextentity(codePoint: number): void {
    this.handler.text(String.fromCodePoint(codePoint));
  }

  oncdata(start: number, end: number, endOffset: number): void {
    this.handler.text(this.slice(start, end - endOffset));
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

  onopentagend(): void {
    if (this.open.length >= MAX_XML_DEPTH)
      throw new NotAJobFeedError(`an XML document nesting elements more than ${MAX_XML_DEPTH} deep`);
    this.open.push(this.tagName);
    this.openByName.set(this.tagName, (this.openByName.get(this.tagName) ?? 0) + 1);
    this.handler.openTag(this.tagName, this.attributes ?? NO_ATTRIBUTES);
  }

  onselfclosingtag(): void {
    this.onopentagend();
    this.closeInnermost();
  }

  onclosetag(start: number, end: number): void {
    const name = this.slice(start, end).toLowerCase();
    if (!this.openByName.get(name)) return;
    while (this.closeInnermost() !== name);
  }

  private closeInnermost(): string {
    const name = this.open.pop()!;
    this.openByName.set(name, this.openByName.get(name)! - 1);
    this.handler.closeTag();
    return name;
  }

  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}

  /** The document's characters from start to end, from the chunks they arrived in; chunks before start are let go. */
  private slice(start: number, end: number): string {
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
