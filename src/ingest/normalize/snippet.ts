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
