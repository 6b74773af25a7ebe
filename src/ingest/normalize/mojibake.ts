/** The characters windows-1252 gives bytes 0x80-0x9F, by byte: what UTF-8 continuation bytes turn into. */
const WINDOWS_1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
const BYTE_OF: ReadonlyMap<string, number> = new Map(
  [...WINDOWS_1252_HIGH].map((char, index) => [char, 0x80 + index] as const),
);
/** Characters windows-1252 (or latin1) reads UTF-8 continuation bytes 0x80-0xBF as. */
const CONTINUATION_CHARS = `\u0080-\u00BF${WINDOWS_1252_HIGH}`;
/** A UTF-8 lead byte read as windows-1252 or latin1, then a continuation byte read the same way: "Ã©", "â€". */
const MOJIBAKE_PAIR = new RegExp(`[\u00C2-\u00F4][${CONTINUATION_CHARS}]`);
const MOJIBAKE_PAIRS = new RegExp(MOJIBAKE_PAIR.source, 'g');
/** A run of characters outside ASCII that windows-1252 or latin1 has a byte for: where mojibake lives. */
const HIGH_RUN = new RegExp(`[\u0080-\u00FF${WINDOWS_1252_HIGH}]{2,}`, 'g');
/**
 * What mojibake in job feeds repairs to: letters of the two-byte range (Latin, Greek, Cyrillic…), punctuation,
 * currency and other symbols, emoji. "é’ " read as UTF-8 is "钠": right text that happens to be valid UTF-8 is
 * left alone when it would turn into characters of another script.
 */
const LIKELY_REPAIR = /^[\u0080-\u07FF\u2000-\u2BFF\u{1F000}-\u{1FAFF}]*$/u;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A cheap test first: most text has no pair a repair could change. */
export function mayBeMojibake(text: string): boolean {
  return MOJIBAKE_PAIR.test(text);
}

/**
 * UTF-8 text that was decoded as windows-1252 (or latin1) somewhere upstream, repaired: "â€™" is "’", "Ã©" is
 * "é". Each run of non-ASCII characters is turned back into the bytes windows-1252 gives them and read as UTF-8;
 * the run is replaced only when those bytes are valid UTF-8, the result has fewer suspicious pairs and holds only
 * what mojibake repairs to (LIKELY_REPAIR), so text that is right ("Zürich", "é»", "é’") stays as it is. Twice
 * at most, for text encoded twice over.
 */
export function repairMojibake(text: string): string {
  let result = text;
  for (let pass = 0; pass < 2 && MOJIBAKE_PAIR.test(result); pass++) {
    const repaired = result.replace(HIGH_RUN, repairRun);
    if (repaired === result) break;
    result = repaired;
  }
  return result;
}

function repairRun(run: string): string {
  const before = run.match(MOJIBAKE_PAIRS)?.length ?? 0;
  if (before === 0) return run;
  const bytes = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i++) {
    const code = run.charCodeAt(i);
    bytes[i] = code <= 0xff ? code : BYTE_OF.get(run[i]!)!;
  }
  let decoded: string;
  try {
    decoded = STRICT_UTF8.decode(bytes);
  } catch {
    return run;
  }
  const after = decoded.match(MOJIBAKE_PAIRS)?.length ?? 0;
  return after < before && LIKELY_REPAIR.test(decoded) ? decoded : run;
}
