import type { RawPosting } from '../posting';
import type { FieldMapping } from './mapping';

/** Reads one partner format from decoded text, posting by posting, as the text arrives. */
export interface FeedFormat {
  name: string;
  /** What the format is, for messages: "an RSS 2.0 feed". */
  description: string;
  parse(text: AsyncIterable<string>, report: ParseReport, options?: ParseOptions): AsyncIterable<RawPosting>;
}

export interface ParseOptions {
  /** The feed's own element names for fields the parser does not find. */
  mapping?: FieldMapping;
}

/** What a parser noticed about the document as a whole. */
export interface ParseReport {
  warnings: string[];
}

/** The first non-empty value among a record's fields. */
export function pick(record: Record<string, string>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = record[key]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** Non-empty parts joined with ", ", each once: "Austin, TX, US". */
export function joinParts(...parts: (string | undefined)[]): string | undefined {
  const seen = new Set<string>();
  for (const part of parts) {
    const value = part?.trim();
    if (value) seen.add(value);
  }
  return seen.size ? [...seen].join(', ') : undefined;
}
