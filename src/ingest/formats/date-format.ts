/**
 * Dates written in a partner's own pattern ("dd/MM/yyyy", "dd. MMM yyyy HH:mm"), for a mapping's
 * `{ "path", "format" }` field. Tokens: dd and MM (1 or 2 digits), yyyy, yy (20yy), HH (1 or 2 digits), mm, ss,
 * MMM (a month name or its abbreviation in English, German, French, Spanish, Dutch or Portuguese). Every other
 * character stands for itself; a space stands for any run of white space. Times are read as UTC.
 */

const TOKEN = /yyyy|yy|MMM|MM|dd|HH|mm|ss/g;

type Part = 'year' | 'shortYear' | 'monthName' | 'month' | 'day' | 'hour' | 'minute' | 'second';

const PARTS: Record<string, { part: Part; pattern: string }> = {
  yyyy: { part: 'year', pattern: '(\\d{4})' },
  yy: { part: 'shortYear', pattern: '(\\d{2})' },
  MMM: { part: 'monthName', pattern: '(\\p{L}+)\\.?' },
  MM: { part: 'month', pattern: '(\\d{1,2})' },
  dd: { part: 'day', pattern: '(\\d{1,2})' },
  HH: { part: 'hour', pattern: '(\\d{1,2})' },
  mm: { part: 'minute', pattern: '(\\d{2})' },
  ss: { part: 'second', pattern: '(\\d{2})' },
};

const MONTH_NAMES: string[][] = [
  ['january', 'januar', 'janner', 'janvier', 'enero', 'januari', 'janeiro'],
  ['february', 'februar', 'fevrier', 'febrero', 'februari', 'fevereiro'],
  ['march', 'marz', 'mars', 'marzo', 'maart', 'marco'],
  ['april', 'avril', 'abril'],
  ['may', 'mai', 'mayo', 'mei', 'maio'],
  ['june', 'juni', 'juin', 'junio', 'junho'],
  ['july', 'juli', 'juillet', 'julio', 'julho'],
  ['august', 'aout', 'agosto', 'augustus'],
  ['september', 'septembre', 'septiembre', 'setiembre', 'setembro'],
  ['october', 'oktober', 'octobre', 'octubre', 'outubro'],
  ['november', 'novembre', 'noviembre', 'novembro'],
  ['december', 'dezember', 'decembre', 'diciembre', 'dezembro'],
];

export interface DateFormat {
  regex: RegExp;
  parts: Part[];
}

/** The compiled format, or the reason it is not one. */
export function compileDateFormat(format: string): DateFormat | string {
  const parts: Part[] = [];
  let pattern = '';
  let last = 0;
  for (const match of format.matchAll(TOKEN)) {
    pattern += literal(format.slice(last, match.index));
    const token = PARTS[match[0]]!;
    if (parts.includes(token.part)) return `names ${match[0]} twice`;
    parts.push(token.part);
    pattern += token.pattern;
    last = match.index + match[0].length;
  }
  pattern += literal(format.slice(last));
  const has = (...wanted: Part[]) => wanted.some((part) => parts.includes(part));
  if (!has('day') || !has('month', 'monthName') || !has('year', 'shortYear'))
    return 'must name the day (dd), the month (MM or MMM) and the year (yyyy or yy)';
  if (has('month') && has('monthName')) return 'names the month twice (MM and MMM)';
  if (has('year') && has('shortYear')) return 'names the year twice (yyyy and yy)';
  return { regex: new RegExp(`^${pattern}$`, 'iu'), parts };
}

/** The value as an ISO 8601 UTC time, or undefined when it does not match the format or names no real day. */
export function parseFormattedDate(value: string, format: DateFormat): string | undefined {
  const match = format.regex.exec(value.trim());
  if (!match) return undefined;
  const found: Partial<Record<Part, string>> = {};
  format.parts.forEach((part, i) => (found[part] = match[i + 1]!));
  const year = found.year ? Number(found.year) : 2000 + Number(found.shortYear);
  const month = found.month ? Number(found.month) : monthNumber(found.monthName!);
  const day = Number(found.day);
  const [hour, minute, second] = [found.hour, found.minute, found.second].map((v) => Number(v ?? 0));
  if (!month || month > 12 || hour! > 23 || minute! > 59 || second! > 59) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return undefined;
  return date.toISOString();
}

/** 1–12 for a month name or an abbreviation of at least 3 letters that only one month starts with. */
function monthNumber(name: string): number | undefined {
  const key = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\.$/, '');
  if (key.length < 3) return undefined;
  const months = new Set<number>();
  MONTH_NAMES.forEach((names, i) => {
    if (names.some((full) => full.startsWith(key))) months.add(i + 1);
  });
  return months.size === 1 ? [...months][0] : undefined;
}

function literal(text: string): string {
  return text
    .split(/\s+/)
    .map((piece) => piece.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('\\s+');
}
