import { decomposed } from './folded-words';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const UNIT_MS = {
  minute: MINUTE_MS,
  hour: 60 * MINUTE_MS,
  day: DAY_MS,
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
  year: 365 * DAY_MS,
} as const;
type Unit = keyof typeof UNIT_MS;

/** Which part of a numeric date such as 02/10/2023 is the day; decided per feed (see decideDayOrder). */
export type DayOrder = 'day-first' | 'month-first';
/** When a feed's values prove neither order: month-first, as JavaScript's own Date.parse and US partners read them. */
export const DEFAULT_DAY_ORDER: DayOrder = 'month-first';

const LANGUAGES = ['en', 'de', 'fr', 'es', 'nl', 'pt'] as const;

/** Lowercase, accents off, dots gone: "Févr." and "fevr" are one key. */
function fold(word: string): string {
  return decomposed(word.toLowerCase()).replace(/[\u0300-\u036f.]/g, '');
}

/**
 * Month names and abbreviations in the six languages, from the platform's own locale data (Intl), plus every
 * 3- and 4-letter start of a name that names one month only ("sept", "juil"; not "jui").
 */
const MONTHS: ReadonlyMap<string, number> = (() => {
  const names = new Map<string, Set<number>>();
  const add = (key: string, month: number) => {
    if (!names.has(key)) names.set(key, new Set());
    names.get(key)!.add(month);
  };
  for (const language of LANGUAGES) {
    for (const style of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat(language, { month: style, timeZone: 'UTC' });
      for (let month = 0; month < 12; month++) {
        const name = fold(format.format(Date.UTC(2023, month, 15)));
        add(name, month);
        for (const length of [3, 4]) if (name.length > length) add(name.slice(0, length), month);
      }
    }
  }
  add('jaenner', 0);
  add('janner', 0);
  add('mrz', 2);
  add('setiembre', 8);
  const months = new Map<string, number>();
  for (const [key, set] of names) if (set.size === 1) months.set(key, [...set][0]!);
  return months;
})();

/** RFC 2822's zone names besides numeric offsets. */
const ZONES: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

const EPOCH = /^\d{9,13}(?:\.\d+)?$/;
/** Epoch values below this are seconds (1e11 s is the year 5138), at or above it milliseconds (1973 on). */
const EPOCH_MS_FROM = 1e11;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/i;
/** 02/10/2023, 2-10-2023, with an optional time; the order of the first two parts is the feed's. */
const NUMERIC = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?:[T\s,]+(.+))?$/;
/** 2023/10/02: year first, then month, as everywhere. */
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[T\s,]+(.+))?$/;
/** 12.10.2023: day first wherever dots are written. */
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[T\s,]+(.+))?$/;
/** "Mon, 02 Oct 2023 12:00:00 +0000", "12. Oktober 2023", "12 de octubre de 2023", "1er octobre 2023". */
const DAY_MONTH_YEAR =
  /^(?:\p{L}+\.?,?\s+)?(\d{1,2})(?:\.|er|st|nd|rd|th|º)?\s*(?:de\s+|-)?(\p{L}+)\.?,?\s*(?:de\s+|-)?(\d{4})(?:[\s,]+(.+))?$/u;
/** "October 12, 2023", "Oct 2 2023 09:00". */
const MONTH_DAY_YEAR =
  /^(?:\p{L}+\.?,?\s+)?(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\s,]+(.+))?$/u;
/** ctime and `date` output: "Tue Nov 24 02:00:00 UTC 2026". */
const CTIME =
  /^(?:\p{L}+\.?,?\s+)?(\p{L}+)\.?\s+(\d{1,2})\s+(\d{1,2}:\d{2}(?::\d{2})?)(?:\s+([a-z]{1,5}|[+-]\d{4}))?\s+(\d{4})$/iu;
const TIME =
  /^(?:at\s+|um\s+|à\s+|a\s+las\s+|às\s+|om\s+)?(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*(am|pm)?\s*(?:uhr\s*)?(z|ut|utc|gmt|[ecmp][sd]t|(?:gmt|utc)?[+-]\d{2}:?\d{2})?(?:\s*\([^)]*\))?$/i;

const COUNT_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  ein: 1,
  einem: 1,
  einer: 1,
  un: 1,
  une: 1,
  una: 1,
  een: 1,
  um: 1,
  uma: 1,
};
/** Each language's units, singular and plural, as relative ages write them. */
const UNITS: Record<string, Record<string, Unit>> = {
  en: {
    min: 'minute',
    mins: 'minute',
    minute: 'minute',
    minutes: 'minute',
    hr: 'hour',
    hrs: 'hour',
    hour: 'hour',
    hours: 'hour',
    day: 'day',
    days: 'day',
    week: 'week',
    weeks: 'week',
    month: 'month',
    months: 'month',
    year: 'year',
    years: 'year',
  },
  de: {
    minute: 'minute',
    minuten: 'minute',
    stunde: 'hour',
    stunden: 'hour',
    tag: 'day',
    tagen: 'day',
    woche: 'week',
    wochen: 'week',
    monat: 'month',
    monaten: 'month',
    jahr: 'year',
    jahren: 'year',
  },
  fr: {
    minute: 'minute',
    minutes: 'minute',
    heure: 'hour',
    heures: 'hour',
    jour: 'day',
    jours: 'day',
    semaine: 'week',
    semaines: 'week',
    mois: 'month',
    an: 'year',
    ans: 'year',
    annee: 'year',
    annees: 'year',
  },
  es: {
    minuto: 'minute',
    minutos: 'minute',
    hora: 'hour',
    horas: 'hour',
    dia: 'day',
    dias: 'day',
    semana: 'week',
    semanas: 'week',
    mes: 'month',
    meses: 'month',
    ano: 'year',
    anos: 'year',
  },
  nl: {
    minuut: 'minute',
    minuten: 'minute',
    uur: 'hour',
    dag: 'day',
    dagen: 'day',
    week: 'week',
    weken: 'week',
    maand: 'month',
    maanden: 'month',
    jaar: 'year',
  },
};
/** Relative ages per language, on folded text: count, then unit. */
const RELATIVE: [RegExp, Record<string, Unit>][] = [
  [/^(?:posted\s+)?(\d+|an?|one)\+?\s*([a-z]+)\s+ago$/, UNITS.en!],
  [/^vor\s+(\d+|einem|einer|ein)\+?\s+([a-z]+)$/, UNITS.de!],
  [/^il\s+y\s+a\s+(\d+|une?)\+?\s+([a-z]+)$/, UNITS.fr!],
  [/^hace\s+(\d+|una?)\+?\s+([a-z]+)$/, UNITS.es!],
  [/^(\d+|een)\+?\s+([a-z]+)\s+geleden$/, UNITS.nl!],
  // Portuguese writes the units as Spanish does, once folded ("há 2 dias", "hace 2 días").
  [/^ha\s+(\d+|uma?)\+?\s+([a-z]+)(?:\s+atras)?$/, UNITS.es!],
];
const TODAY = new Set([
  'today',
  'just posted',
  'just now',
  'heute',
  "aujourd'hui",
  'aujourd’hui',
  'hoy',
  'vandaag',
  'hoje',
]);
const YESTERDAY = new Set(['yesterday', 'gestern', 'hier', 'ayer', 'gisteren', 'ontem']);

/**
 * A posting date (see parseDate). Dates after the fetch are clamped to it. Unreadable input gives null.
 */
export function parsePostingDate(
  raw: string | undefined,
  fetchedAt: Date,
  dayOrder: DayOrder = DEFAULT_DAY_ORDER,
): Date | null {
  const date = parseDate(raw, fetchedAt, dayOrder);
  if (!date) return null;
  return date.getTime() > fetchedAt.getTime() ? new Date(fetchedAt) : date;
}

/**
 * A date from RFC 2822, ISO 8601 (with or without zone or time, "2023-10-02 12:00:00"), epoch seconds or
 * milliseconds, numeric dates in the feed's day order, dates with month names and relative ages in English,
 * German, French, Spanish, Dutch and Portuguese. A time without a zone is UTC. Not clamped: for end dates too.
 */
export function parseDate(
  raw: string | undefined,
  now: Date,
  dayOrder: DayOrder = DEFAULT_DAY_ORDER,
): Date | null {
  const text = raw?.trim();
  if (!text) return null;
  if (EPOCH.test(text)) {
    const n = Number(text);
    return validDate(n >= EPOCH_MS_FROM ? n : n * 1000);
  }
  const iso = ISO.exec(text);
  if (iso) {
    const offset = zoneOffset(iso[8]);
    const fraction = Number(`0.${iso[7] ?? 0}`) * 1000;
    return utcDate(
      +iso[1]!,
      +iso[2]!,
      +iso[3]!,
      +(iso[4] ?? 0),
      +(iso[5] ?? 0),
      +(iso[6] ?? 0),
      offset,
      fraction,
    );
  }
  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const [first, second] = [+numeric[1]!, +numeric[3]!];
    const [day, month] = dayOrder === 'day-first' ? [first, second] : [second, first];
    return withTime(+numeric[4]!, month, day, numeric[5]);
  }
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst) return withTime(+yearFirst[1]!, +yearFirst[2]!, +yearFirst[3]!, yearFirst[4]);
  const dotted = DOTTED.exec(text);
  if (dotted) return withTime(+dotted[3]!, +dotted[2]!, +dotted[1]!, dotted[4]);
  const folded = fold(text).replace(/\s+/g, ' ');
  const dmy = DAY_MONTH_YEAR.exec(folded);
  if (dmy && MONTHS.has(dmy[2]!)) return withTime(+dmy[3]!, MONTHS.get(dmy[2]!)! + 1, +dmy[1]!, dmy[4]);
  const mdy = MONTH_DAY_YEAR.exec(folded);
  if (mdy && MONTHS.has(mdy[1]!)) return withTime(+mdy[3]!, MONTHS.get(mdy[1]!)! + 1, +mdy[2]!, mdy[4]);
  const ctime = CTIME.exec(folded);
  if (ctime && MONTHS.has(ctime[1]!))
    return withTime(
      +ctime[5]!,
      MONTHS.get(ctime[1]!)! + 1,
      +ctime[2]!,
      [ctime[3], ctime[4]].filter(Boolean).join(' '),
    );
  return parseRelative(folded, now);
}

/**
 * The day order a feed's numeric dates are in, from a sample of its values: a first part above 12 proves day-first,
 * a second part above 12 proves month-first, and so does a reading that would lie more than a day after the fetch
 * when the other would not. The order more values prove wins; with no proof, DEFAULT_DAY_ORDER. The warning says
 * what was decided and on what evidence; null when the sample holds no numeric dates.
 */
export function decideDayOrder(
  values: readonly string[],
  fetchedAt: Date,
): { dayOrder: DayOrder; warning: string | null } {
  let numeric = 0;
  let dayFirst = 0;
  let monthFirst = 0;
  const latest = fetchedAt.getTime() + DAY_MS;
  for (const value of values) {
    const match = NUMERIC.exec(value.trim());
    if (!match) continue;
    numeric++;
    const [first, second, year] = [+match[1]!, +match[3]!, +match[4]!];
    if (first > 12 && second <= 12) dayFirst++;
    else if (second > 12 && first <= 12) monthFirst++;
    else if (first <= 12 && second <= 12 && first !== second) {
      const asDayFirst = Date.UTC(year, second - 1, first) > latest;
      const asMonthFirst = Date.UTC(year, first - 1, second) > latest;
      if (asMonthFirst && !asDayFirst) dayFirst++;
      else if (asDayFirst && !asMonthFirst) monthFirst++;
    }
  }
  if (numeric === 0) return { dayOrder: DEFAULT_DAY_ORDER, warning: null };
  const of = `of ${numeric} numeric date${numeric === 1 ? '' : 's'}`;
  if (dayFirst === 0 && monthFirst === 0)
    return {
      dayOrder: DEFAULT_DAY_ORDER,
      warning: `dates such as ${values.find((v) => NUMERIC.test(v.trim()))!.trim()} could be dd/mm/yyyy or mm/dd/yyyy and none ${of} proves which: read as month-first (mm/dd/yyyy); write dates as ISO 8601 (2026-11-10) to be sure`,
    };
  const dayOrder: DayOrder = dayFirst > monthFirst ? 'day-first' : 'month-first';
  const proving = Math.max(dayFirst, monthFirst);
  const against = Math.min(dayFirst, monthFirst);
  const pattern = dayOrder === 'day-first' ? 'dd/mm/yyyy' : 'mm/dd/yyyy';
  return {
    dayOrder,
    warning:
      `dates read as ${dayOrder} (${pattern}): ${proving} ${of} prove it` +
      (against
        ? `, ${against} ${against === 1 ? 'proves' : 'prove'} the other order and cannot be read`
        : ''),
  };
}

function parseRelative(text: string, now: Date): Date | null {
  if (TODAY.has(text)) return new Date(now);
  if (YESTERDAY.has(text)) return new Date(now.getTime() - UNIT_MS.day);
  for (const [pattern, units] of RELATIVE) {
    const match = pattern.exec(text);
    if (!match) continue;
    const unit = units[match[2]!];
    if (!unit) return null;
    const count = COUNT_WORDS[match[1]!] ?? Number(match[1]);
    return new Date(now.getTime() - count * UNIT_MS[unit]);
  }
  return null;
}

function withTime(year: number, month: number, day: number, time: string | undefined): Date | null {
  if (!time) return utcDate(year, month, day, 0, 0, 0, 0, 0);
  const match = TIME.exec(time.trim());
  if (!match) return null;
  let hour = +match[1]!;
  const meridiem = match[4]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  return utcDate(year, month, day, hour, +match[2]!, +(match[3] ?? 0), zoneOffset(match[5]), 0);
}

/** Minutes east of UTC; no zone is UTC. */
function zoneOffset(zone: string | undefined): number {
  if (!zone) return 0;
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  const digits = zone.replace(/^[a-z]+|:/gi, '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0);
  return digits.startsWith('-') ? -minutes : minutes;
}

/** A date from its parts, or null when a part is out of range (31 February, hour 25). */
function utcDate(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offsetMinutes: number,
  ms: number,
): Date | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(time).getUTCDate() !== day) return null;
  return validDate(time + ms - offsetMinutes * MINUTE_MS);
}

function validDate(ms: number): Date | null {
  return Number.isFinite(ms) ? new Date(ms) : null;
}
