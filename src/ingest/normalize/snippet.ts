const ELLIPSIS = '…';
/** Characters a cut snippet does not end on before its ellipsis. */
const TRAILING_PUNCTUATION = new Set([...' ,;:.-–—']);

/** At most maxLength characters, cut at a word boundary, "…" when cut. */
export function truncateAtWord(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const room = text.slice(0, maxLength - ELLIPSIS.length + 1);
  const lastSpace = room.lastIndexOf(' ');
  const cut =
    lastSpace > maxLength / 2 ? room.slice(0, lastSpace) : room.slice(0, maxLength - ELLIPSIS.length);
  return withoutTrailingPunctuation(cut) + ELLIPSIS;
}

/** Trimmed from the end by hand: an end-anchored regex is tried at every position of the text. */
function withoutTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && (TRAILING_PUNCTUATION.has(text[end - 1]!) || /\s/.test(text[end - 1]!))) end--;
  return text.slice(0, end);
}

/**
 * Where the text stops being the description: an anti-spam footer ("Please mention the word **RAINBOW** and tag
 * RMTAx… when applying"), the application instructions ("To apply: …", "How to apply"), a board's closing line.
 * Written as a heading or a sentence start, so "you will apply models" is prose.
 */
const TAIL =
  /(?:^|\s)(?:[Pp]lease mention the word\b|(?:To|How to|How To) apply\b|(?:TO|HOW TO) APPLY\b|Apply (?:now|here|today)\b|See this and similar jobs on LinkedIn)/;

/** The text before its tail, if it has one. */
export function withoutTail(text: string): string {
  if (!text.includes('pply') && !text.includes('PPLY') && !text.includes('mention')) return text;
  const tail = TAIL.exec(text);
  return tail ? text.slice(0, tail.index).trimEnd() : text;
}
