import type { Posting } from '../data/posting.schema';

const MAX_KEYWORDS = 24;
const STOP_WORDS = new Set(
  (
    'a an and are as at be by for from has have in is it its of on or our that the this to was we were will ' +
    'with you your job jobs new more about after all also than then they their what when who how'
  ).split(' '),
);

/** Lowercase words of a text, keeping the symbols of names like c++, c# and .net. */
function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}+#.]+/gu) ?? [])
    .map((word) => word.replace(/\.+$/, ''))
    .filter((word) => word.length > 1 || /\p{N}/u.test(word));
}

/** The distinct keywords of a host page's context ("world news, elections" or "rust, webassembly, compilers"). */
export function keywordsOf(context: string): string[] {
  const keywords = new Set(wordsOf(context).filter((word) => !STOP_WORDS.has(word)));
  return [...keywords].slice(0, MAX_KEYWORDS);
}

/** A posting of a list; `matched` holds the context's keywords it mentions when the list was ranked by context. */
export type RankedPosting = Posting & { matched?: string[] };

/**
 * Orders postings (given newest first) by how many of the keywords they mention, a title match counting most;
 * postings that match nothing, or equally well, keep their recency order. Each carries the keywords it matched, in
 * the context's order.
 */
export function rankByContext(postings: Posting[], context: string): RankedPosting[] {
  const keywords = keywordsOf(context);
  if (!keywords.length) return postings;
  const scored = postings.map((posting, index) => {
    const title = new Set(wordsOf(posting.title));
    const company = new Set(wordsOf(posting.company ?? ''));
    const snippet = new Set(wordsOf(posting.snippet));
    const matched: string[] = [];
    let score = 0;
    for (const keyword of keywords) {
      const weight = title.has(keyword) ? 3 : company.has(keyword) ? 2 : snippet.has(keyword) ? 1 : 0;
      if (!weight) continue;
      score += weight;
      matched.push(keyword);
    }
    return { posting: { ...posting, matched }, index, score };
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map(({ posting }) => posting);
}
