const ELLIPSIS = '…';

/** At most maxLength characters, cut at a word boundary, "…" when cut. */
export function truncateAtWord(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const room = text.slice(0, maxLength - ELLIPSIS.length + 1);
  const lastSpace = room.lastIndexOf(' ');
  const cut =
    lastSpace > maxLength / 2 ? room.slice(0, lastSpace) : room.slice(0, maxLength - ELLIPSIS.length);
  return cut.replace(/[\s,;:.\-–—]+$/, '') + ELLIPSIS;
}
