import { NotAJobFeedError } from '../../errors';
import { NO_ATTRIBUTES, TokenizedText } from './tokenized-text';

/** What an XML reader hears: elements opening (names and attribute names in lower case), text, elements closing. */
export interface XmlHandler {
  openTag(name: string, attributes: Readonly<Record<string, string>>): void;
  text(value: string): void;
  closeTag(): void;
}

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
export class XmlEvents extends TokenizedText {
  private readonly open: string[] = [];
  private readonly openByName = new Map<string, number>();

  constructor(private readonly handler: XmlHandler) {
    super(true);
  }

  /** Elements still open: after end(), more than 0 means the document was cut short. */
  get openElements(): number {
    return this.open.length;
  }

  end(): void {
    this.endTokens();
  }

  protected addText(value: string): void {
    this.handler.text(value);
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
}
