const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NOT_WORD = /[^\p{L}\p{N}]+/u;
/** Anything but printable ASCII, tabs and line breaks: such text takes the Unicode way (control characters too). */
const NON_ASCII = /[^\t\n\r -~]/;

/** NFD of a text: ASCII is its own decomposition, and is not handed to ICU. */
export function decomposed(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFD') : text;
}

/** Lowercase, accents off: "Ingénieur" and "ingenieur" are one word. ASCII text is only lowercased. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(COMBINING_MARKS, '') : lower;
}

/**
 * The folded words of a text (runs of letters and digits), as `fold(text).split(/[^\p{L}\p{N}]+/u)` without its
 * empty ends. ASCII text is cut by its character codes: the Unicode split and the NFD normalization were a hot spot
 * of every posting's category and seniority.
 */
export function foldedWords(text: string): string[] {
  const lower = text.toLowerCase();
  if (NON_ASCII.test(lower))
    return lower.normalize('NFD').replace(COMBINING_MARKS, '').split(NOT_WORD).filter(Boolean);
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    const inWord = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(lower.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) words.push(lower.slice(start));
  return words;
}
