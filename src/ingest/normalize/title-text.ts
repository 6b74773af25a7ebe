/**
 * How a partner's title is shown. A dash glued to one word and spaced from the other separates them: "Sr Alfresco
 * Developer- Lead" reads "Sr Alfresco Developer - Lead", while a suspended hyphen ("Full- or Part-Time") stays.
 *
 * Titles a partner writes in capitals ("JAVA DEVELOPER", "CDL-A DRIVER - 2ND SHIFT") are shown in title case beside
 * the other postings of a widget: "Java Developer", "CDL-A Driver - 2nd Shift". Acronyms stay in capitals: the known
 * ones below, any word without a vowel (CNC, SQL, KPMG), roman numerals and a region code after a comma ("Portland,
 * OR"). An unknown acronym with a vowel ("SAIC") is cased as a word: the quality report says how many titles were
 * recased.
 */

/** "Developer- Lead", "Nurse -Nights": a dash with a space on one side only, between two words. */
const LOPSIDED_DASH = /(\p{L})([-–—]) (?=\p{L})|(\p{L}) ([-–—])(?=\p{L})/gu;
/** Words after which a dash glued to the word before is a suspended hyphen: "Full- and Part-Time". */
const SUSPENDED_BEFORE = /^(?:and|or|to|und|oder|bis|et|ou|à|y|o|e|en|of)(?=\s|$)/i;

/** The title with each lopsided dash spaced on both sides. */
export function spacedDashes(title: string): string {
  if (!title.includes('- ') && !title.includes(' -') && !/[–—]/.test(title)) return title;
  return title.replace(LOPSIDED_DASH, (match, left, leftDash, right, rightDash, offset: number) => {
    if (left) {
      const after = title.slice(offset + match.length);
      return SUSPENDED_BEFORE.test(after) ? match : `${left} ${leftDash} `;
    }
    return `${right} ${rightDash} `;
  });
}

/** Acronyms with a vowel, common in job titles: words without one stay in capitals anyway. */
const ACRONYMS: ReadonlySet<string> = new Set(
  (
    'ABA AI API AWS BA BI CEO CFO CIO CISO CMA CNA COO CPA CPO CRO CTO DBA EA EDI EMT ER ERP ETL EU EVP GIS HSE ' +
    'HVAC IAM ICU IEP IOT ISO IT LVN NET NICU NOC OB OSHA OT OTR PA PCA PE PICU QA RPA SAP SEO SEM SIEM SOC SQA ' +
    'UAT UI UK UN US USA UX VOIP'
  ).split(' '),
);
/** Words a capitalized title spells in a case of their own. */
const SPELLED: ReadonlyMap<string, string> = new Map(
  [
    'iOS',
    'macOS',
    'DevOps',
    'DevSecOps',
    'JavaScript',
    'TypeScript',
    'PhD',
    'SaaS',
    'MySQL',
    'NoSQL',
    'GraphQL',
  ].map((word) => [word.toUpperCase(), word]),
);
/** Vowel-less abbreviations that are words, not acronyms: "SR" is "Sr" (ASST or DEPT are cased as words anyway). */
const ABBREVIATIONS: ReadonlySet<string> = new Set('SR JR MGR DR ST MR MRS'.split(' '));
const ROMAN_NUMERALS: ReadonlySet<string> = new Set('I II III IV V VI VII VIII IX X'.split(' '));
/** Lower case inside a title; a word after a dash, colon, slash or bracket keeps its capital. */
const SMALL_WORDS: ReadonlySet<string> = new Set(
  'an and as at but by for in of on or the to with de del des du la le les en et und der die das für van von'.split(
    ' ',
  ),
);
const ORDINAL_SUFFIXES: ReadonlySet<string> = new Set(['ST', 'ND', 'RD', 'TH']);
/** A word: letters, with apostrophes inside ("DRIVER'S"). */
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;
const LOWER = /\p{Ll}/u;
const VOWEL = /[AEIOUYÀ-ÖØ-Ý]/;
/** After these a word starts a part of the title, and a small word keeps its capital. */
const OPENS_PART = '-–—:(/|[';

/** A title with letters and no lower-case letter, and a word of four letters or more that is no acronym. */
export function writtenInCapitals(title: string): boolean {
  if (LOWER.test(title)) return false;
  for (const [word] of title.matchAll(WORD))
    if (word.length >= 4 && VOWEL.test(word) && !ACRONYMS.has(word) && !SPELLED.has(word)) return true;
  return false;
}

/** The title in title case when it is written in capitals, else the title as it is. */
export function fromCapitals(title: string): string {
  if (!writtenInCapitals(title)) return title;
  return title.replace(WORD, (word: string, offset: number) => caseWord(word, title, offset));
}

/** The last character before `offset` that is not a space: what the word follows. */
function follows(title: string, offset: number): string {
  let i = offset - 1;
  while (i >= 0 && title[i] === ' ') i--;
  return i >= 0 ? title[i]! : '';
}

function caseWord(word: string, title: string, offset: number): string {
  const spelled = SPELLED.get(word);
  if (spelled) return spelled;
  if (ACRONYMS.has(word) || ROMAN_NUMERALS.has(word)) return word;
  const before = follows(title, offset);
  if (ORDINAL_SUFFIXES.has(word) && /\d/.test(title[offset - 1] ?? '')) return word.toLowerCase();
  if (word.length === 2 && before === ',') return word;
  if (!ABBREVIATIONS.has(word) && !VOWEL.test(word)) return word;
  const lower = word.toLowerCase();
  if (before && !OPENS_PART.includes(before) && SMALL_WORDS.has(lower)) return lower;
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}
