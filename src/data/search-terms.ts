import type { PreparedPosting } from '../domain/posting';

/** Quotes, brackets and punctuation that end or start a word without being part of it ("(senior)", "rust,"). */
const EDGES = /^[\s"'“”‘’«»()[\]{}<>,;:!?]+|[\s"'“”‘’«»()[\]{}<>,;:!?.]+$/gu;
const WORDS = /[\p{L}\p{N}]+/gu;

/**
 * The search terms of a text, lower-cased: each whitespace-separated token without the punctuation around it
 * ("c++", "node.js", ".*"), and each run of letters and digits inside it ("c", "node", "js"). A posting stores the
 * terms of its title, company and snippet (`terms`, multikey-indexed); `?q=` keeps the postings holding every term
 * of q (`$all`), so q matches whole words in any case and order, literally: no character of q is a pattern.
 */
export function searchTerms(...texts: (string | null | undefined)[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const token of text.normalize('NFC').toLowerCase().split(/\s+/u)) {
      if (!token) continue;
      const trimmed = token.replace(EDGES, '');
      terms.add(trimmed || token);
      for (const word of trimmed.match(WORDS) ?? []) terms.add(word);
    }
  }
  return [...terms];
}

/** The stored form `?company=` is matched against: trimmed and lower-cased, so the match ignores case. */
export function companyKey(company: string | null | undefined): string | null {
  const key = company?.normalize('NFC').trim().toLowerCase();
  return key ? key : null;
}

/** The fields an ingest writes beside a posting so that q and company are equality matches on an index. */
export function searchFields(posting: Pick<PreparedPosting, 'title' | 'company' | 'snippet'>): {
  terms: string[];
  companyKey: string | null;
} {
  return {
    terms: searchTerms(posting.title, posting.company, posting.snippet),
    companyKey: companyKey(posting.company),
  };
}
