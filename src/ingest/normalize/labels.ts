import type { RawPosting } from '../../domain/posting';

/**
 * Partner descriptions often start with a header of labelled fields glued into the text: "Job title: Java
 * Developer Company: Han Staffing Job description: End Client: …", "Vacancy Title:201706: Prison Officer Vacancy
 * Id:9908 Salary:£31,453 Location:Sutton Closing Date:7 Jul 2017", "Headquarters: Zug URL: https://…", in any case
 * and several languages. readLabelledHeader reads that header off so the snippet starts at the first prose and the
 * values can fill the fields the posting lacks.
 *
 * The cost is linear and bounded: a label is looked for only where the header goes on, at most MAX_LABEL_CHARS
 * ahead; a value is read at most MAX_VALUE_CHARS ahead (longer is prose, not a value); at most MAX_HEADER_LABELS
 * labels are read. The next label inside a value is found from the colon back, over at most MAX_LABEL_WORDS words.
 */
export interface LabelledHeader {
  title?: string;
  company?: string;
  /** The staffing agency's client ("End Client: WELLSFARGO"): not the company posting the job. */
  endClient?: string;
  location?: string;
  salary?: string;
  employmentType?: string;
  closingDate?: string;
  /** "Remote: Yes", "Workplace: Hybrid", "Télétravail : partiel": the text, for the workplace rules to read. */
  workplace?: string;
  headquarters?: string;
  url?: string;
  reference?: string;
  /** The kind of role ("Role Type: Operational Delivery, Prison Officer", "Category: Nursing"). */
  role?: string;
}

type ValueField = keyof LabelledHeader | 'other';
/** A label that only introduces prose ("Job description:", "Summary:"): no value of its own. */
type LabelKind = ValueField | 'description';

export const MAX_HEADER_LABELS = 40;
/** Longest label text before its colon ("date limite de candidature", "type de contrat"). */
const MAX_LABEL_CHARS = 40;
const MAX_LABEL_WORDS = 5;
/** A value longer than this is prose the label introduces, not a value. */
export const MAX_VALUE_CHARS = 80;
/** Bullets, asterisks and bars before a label ("• Location:", "**Salary:**"): at most this many are skipped. */
const MAX_NOISE_CHARS = 8;

const LABELS: Record<LabelKind, string[]> = {
  title: [
    ...['job title', 'position title', 'title', 'vacancy title', 'vacancy', 'position', 'role', 'job role'],
    ...['job name', 'stellenbezeichnung', 'stellentitel', 'jobtitel', 'berufsbezeichnung'],
    ...['intitulé du poste', 'intitulé', 'titre du poste', 'poste', 'titre'],
    ...['puesto', 'título del puesto', 'nombre del puesto', 'vacante', 'cargo'],
    ...['functie', 'functietitel', 'vacaturetitel', 'título da vaga', 'vaga', 'função'],
  ],
  company: [
    ...[
      'company',
      'company name',
      'employer',
      'employer name',
      'hiring company',
      'organisation',
      'organization',
    ],
    ...['unternehmen', 'firma', 'arbeitgeber', 'entreprise', 'société', 'employeur', 'empresa', 'compañía'],
    ...['empleador', 'bedrijf', 'werkgever', 'organisatie', 'companhia', 'empregador'],
  ],
  endClient: ['end client', 'client', 'end customer'],
  location: [
    ...['location', 'job location', 'work location', 'locations', 'city', 'place of work', 'office location'],
    ...[
      'standort',
      'arbeitsort',
      'einsatzort',
      'dienstort',
      'ort',
      'lieu',
      'lieu de travail',
      'localisation',
    ],
    ...['ville', 'ubicación', 'localización', 'lugar de trabajo', 'ciudad', 'locatie', 'standplaats'],
    ...['werklocatie', 'plaats', 'localização', 'local de trabalho', 'local', 'cidade'],
  ],
  salary: [
    ...[
      'salary',
      'salary range',
      'pay',
      'pay rate',
      'compensation',
      'rate',
      'wage',
      'hourly rate',
      'base salary',
    ],
    ...['remuneration', 'gehalt', 'vergütung', 'verdienst', 'lohn', 'entgelt', 'salaire', 'rémunération'],
    ...['salario', 'sueldo', 'remuneración', 'salaris', 'salarisindicatie', 'salário', 'remuneração'],
  ],
  employmentType: [
    ...[
      'job type',
      'employment type',
      'contract type',
      'type of contract',
      'type of employment',
      'position type',
    ],
    ...['work type', 'type', 'anstellungsart', 'beschäftigungsart', 'vertragsart', 'art der anstellung'],
    ...['type de contrat', 'contrat', "type d'emploi", 'type d’emploi', 'tipo de contrato', 'tipo de empleo'],
    ...['jornada', 'tipo de jornada', 'dienstverband', 'soort dienstverband', 'contractvorm'],
    ...['regime de contratação', 'tipo de vaga'],
  ],
  closingDate: [
    ...['closing date', 'closing', 'closes', 'deadline', 'application deadline', 'apply by', 'apply before'],
    ...['expiry date', 'expires', 'valid through', 'bewerbungsfrist', 'bewerbungsschluss', 'einsendeschluss'],
    ...['date limite', 'date limite de candidature', 'date de clôture', 'fecha de cierre', 'fecha límite'],
    ...['plazo', 'sluitingsdatum', 'reageren voor', 'data de encerramento', 'data limite', 'prazo'],
  ],
  workplace: [
    ...[
      'remote',
      'workplace',
      'workplace type',
      'work arrangement',
      'work model',
      'remote work',
      'work mode',
    ],
    ...['arbeitsmodell', 'homeoffice', 'home-office', 'télétravail', 'mode de travail', 'modalidad'],
    ...['modalidad de trabajo', 'teletrabajo', 'thuiswerken', 'modelo de trabalho'],
  ],
  headquarters: ['headquarters', 'hq', 'company hq', 'hauptsitz', 'siège', 'sede'],
  url: ['url', 'website', 'company website', 'homepage', 'web', 'webseite', 'site web', 'sitio web'],
  reference: [
    ...[
      'vacancy id',
      'job id',
      'reference',
      'ref',
      'reference number',
      'requisition id',
      'req id',
      'job ref',
    ],
    ...[
      'job number',
      'job code',
      'vacancy reference',
      'referenznummer',
      'kennziffer',
      'référence',
      'referencia',
    ],
    ...['referentie', 'vacaturenummer', 'referência', 'código'],
  ],
  role: [
    ...['role type', 'category', 'job category', 'department', 'job function', 'function', 'industry'],
    ...['kategorie', 'abteilung', 'catégorie', 'categoría', 'categorie', 'afdeling', 'categoria'],
  ],
  other: [
    ...['posted', 'date posted', 'posting date', 'start date', 'duration', 'experience', 'education'],
    ...['skills', 'required skills', 'hours', 'working hours', 'number of positions', 'openings', 'visa'],
    ...['eintrittsdatum', 'startdatum', 'arbeitszeit', 'date de début', 'fecha de inicio', 'startdatum'],
    ...['data de início', 'uren'],
  ],
  description: [
    ...['description', 'job description', 'position description', 'role description', 'job summary'],
    ...['summary', 'overview', 'about the job', 'about the role', 'about the position', 'about us'],
    ...[
      'about the company',
      'stellenbeschreibung',
      'beschreibung',
      'jobbeschreibung',
      'description du poste',
    ],
    ...['descriptif du poste', 'présentation du poste', 'descripción del puesto', 'descripción'],
    ...['descripción de la vacante', 'functieomschrijving', 'omschrijving', 'vacatureomschrijving'],
    ...['beschrijving', 'descrição da vaga', 'descrição', 'descrição do cargo', 'sobre a vaga'],
  ],
};
const LABEL_KINDS = new Map<string, LabelKind>();
for (const [kind, labels] of Object.entries(LABELS) as [LabelKind, string[]][])
  for (const label of labels) LABEL_KINDS.set(label, kind);

/** Values that are one token: a value ends at its first space ("URL: https://x.example We build…"). */
const ONE_TOKEN_FIELDS: ReadonlySet<ValueField> = new Set(['url', 'reference']);
/** Words whose period ends no sentence: "Jr. Full Stack Developer", "St. Louis". */
const ABBREVIATIONS: ReadonlySet<string> = new Set(
  'jr sr st dr mr mrs ms mt ft inc ltd co corp no nr vs approx dept ca bzw str av avda sra sto'.split(' '),
);
/** Words that start the prose after a header when no punctuation or line break ends the last value. */
const SENTENCE_OPENERS: ReadonlySet<string> = new Set(
  (
    'We You Our The This Join Are Wir Sie Unser Unsere Nous Vous Notre Rejoignez Buscamos Somos Únete Nuestra ' +
    'Nuestro Wij Jij Ons Onze Procuramos Estamos Nossa Nosso'
  ).split(' '),
);
/**
 * A heading with no colon before the prose, or glued to the next label: "Description The Leidos team…",
 * "DescriptionJob Description:The…", a logo's text left before the description. Case matters here.
 */
const BARE_HEADING =
  /(?:(?:Job |Position |Role )?Description|Stellenbeschreibung|Description du poste|Descripción del puesto|Functieomschrijving|Descrição da vaga|About the (?:role|job|position)|Overview|(?:Company )?[Ll]ogo)(?=\n| ?[A-ZÄÖÜÉ])\s*/y;
/** A markdown image ("![Company logo](https://…)") where a label could stand. */
const MARKDOWN_IMAGE = /!\[[^\]]{0,80}\]\([^)\s]{0,300}\)\s*/y;
const INNER_DESCRIPTION_LABEL = /(^|\s)(?:job|position|role)\s+description\s*:\s*/gi;
/** "Requirements:Java": a colon with no space before the next word. */
const GLUED_COLON = /[a-z)]:[A-Z]/;
const GLUED_COLON_GLOBAL = /([a-z)]):([A-Z])/g;
const UPPER_OR_DIGIT = /[\p{Lu}\d]/u;
const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;

// ASCII answered from the code, the rest by the Unicode regexes: a regex test per character was a hot spot.
function isLetterAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return (code | 32) >= 97 && (code | 32) <= 122;
  return LETTER.test(text[i]!);
}

function isLowerAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 128 ? code >= 97 && code <= 122 : LOWER.test(text[i]!);
}

function isUpperAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 128 ? code >= 65 && code <= 90 : UPPER.test(text[i]!);
}

function isUpperOrDigitAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 128
    ? (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
    : UPPER_OR_DIGIT.test(text[i]!);
}

export interface HeaderReading {
  header: LabelledHeader;
  /** Where the text after the header starts. */
  bodyStart: number;
  /** Labels and headings read: at most MAX_HEADER_LABELS. */
  labels: number;
  /** One past the furthest character looked at: text beyond it cannot change the reading. */
  scannedTo: number;
}

/**
 * The labelled header at the start of `text` (cleanLines text: single spaces, a "\n" where a line ends), and where
 * the text after it starts.
 */
export function readLabelledHeader(text: string): HeaderReading {
  const header: LabelledHeader = {};
  const reading: HeaderReading = { header, bodyStart: 0, labels: 0, scannedTo: 0 };
  let position = 0;
  while (reading.labels < MAX_HEADER_LABELS && position < text.length) {
    const start = skipNoise(text, position);
    reading.scannedTo = Math.max(reading.scannedTo, Math.min(text.length, start + MAX_LABEL_CHARS + 2));
    const label = labelAt(text, start);
    if (!label) {
      const heading = headingEnd(text, start);
      if (heading < 0) break;
      reading.labels++;
      position = heading;
      continue;
    }
    reading.labels++;
    if (label.kind === 'description') {
      position = repeatedLabelEnd(text, label, reading) ?? label.end;
      continue;
    }
    const value = readValue(text, label.end, ONE_TOKEN_FIELDS.has(label.kind), reading);
    if (!value) {
      // Prose after the label: the label goes, the prose is the description.
      position = label.end;
      break;
    }
    if (label.kind !== 'other' && value.end > label.end)
      header[label.kind] ??= trimValue(text.slice(label.end, value.end));
    position = value.next;
  }
  const space = position < text.length ? text.charCodeAt(position) : 0;
  reading.bodyStart = space === 32 || space === 10 ? position + 1 : position;
  return reading;
}

interface LabelRead {
  kind: LabelKind;
  /** The label as LABELS spell it. */
  key: string;
  /** Where its value starts. */
  end: number;
}

/** A label of LABELS starting exactly at `start` and ending in a colon. */
function labelAt(text: string, start: number): LabelRead | null {
  const limit = Math.min(text.length, start + MAX_LABEL_CHARS + 1);
  for (let i = start; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === 58 /* : */) {
      if (i === start) return null;
      const key = labelKey(text, start, i);
      const kind = LABEL_KINDS.get(key);
      return kind ? { kind, key, end: skipAfterColon(text, i + 1) } : null;
    }
    if (!isLabelChar(text, i)) return null;
  }
  return null;
}

/**
 * Where a description label ends that repeats `label` after a short stub: "Job description: salesforce apex visual
 * Job Description:Our client…" is a listing template's label, the partner's keywords or heading, then the partner's
 * own label. Null when the label does not come again within MAX_VALUE_CHARS, or a sentence or a line ends first.
 */
function repeatedLabelEnd(text: string, label: LabelRead, reading: HeaderReading): number | null {
  const { key, end: from } = label;
  const limit = Math.min(text.length, from + MAX_VALUE_CHARS + key.length);
  const first = key.charCodeAt(0);
  reading.scannedTo = Math.max(reading.scannedTo, Math.min(text.length, limit + MAX_LABEL_CHARS + 2));
  for (let i = from; i + key.length <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) return null;
    if ((code === 46 || code === 33 || code === 63) /* . ! ? */ && endsSentence(text, from, i)) return null;
    const wordStart = i === from || code === 32 || (isLowerAt(text, i - 1) && isUpperAt(text, i));
    if (!wordStart) continue;
    const at = code === 32 ? i + 1 : i;
    if (first < 128 && (text.charCodeAt(at) | 32) !== first) continue;
    const repeated = labelAt(text, at);
    if (repeated?.key === key) return repeated.end;
  }
  return null;
}

/** The label text between start and a colon as LABELS spell it: lower case, no trailing space or asterisks. */
function labelKey(text: string, start: number, colon: number): string {
  let end = colon;
  while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 42)) end--;
  return text.slice(start, end).toLowerCase();
}

/** Spaces and asterisks after a label's colon, and a line break: a value can stand on the label's next line. */
function skipAfterColon(text: string, from: number): number {
  let i = from;
  while (i < text.length && ' *\n'.includes(text[i]!)) i++;
  return i;
}

function skipNoise(text: string, from: number): number {
  let i = from;
  const limit = Math.min(text.length, from + MAX_NOISE_CHARS);
  while (i < limit && ' \n*•·|-–'.includes(text[i]!)) i++;
  return i;
}

function headingEnd(text: string, start: number): number {
  const heading = text.charCodeAt(start) === 33 /* ! */ ? MARKDOWN_IMAGE : BARE_HEADING;
  heading.lastIndex = start;
  return heading.test(text) ? heading.lastIndex : -1;
}

/** Letters, spaces, apostrophes, hyphens and asterisks: what a label is made of. */
function isLabelChar(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 32) return true;
  if (code === 39 || code === 45 || code === 42 || code === 0x2019) return true;
  return code > 127 && LETTER.test(text[i]!);
}

/**
 * Where the value at `from` ends: at the next label, a sentence end, a line end, a bar or bullet, the text's end, or its
 * first space for one-token fields; null when it runs past MAX_VALUE_CHARS (prose).
 */
function readValue(
  text: string,
  from: number,
  oneToken: boolean,
  reading: HeaderReading,
): { end: number; next: number } | null {
  // A label's colon can stand up to MAX_LABEL_CHARS past the longest value.
  const limit = Math.min(text.length, from + MAX_VALUE_CHARS + MAX_LABEL_CHARS + 1);
  const value = (end: number, next: number, seenTo: number) => {
    reading.scannedTo = Math.max(reading.scannedTo, seenTo);
    return end - from > MAX_VALUE_CHARS ? null : { end, next };
  };
  for (let i = from; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === 32 && (oneToken || (i > from && opensSentence(text, i + 1)))) return value(i, i + 1, i + 14);
    if (code === 58 /* : */) {
      const label = labelStartBefore(text, from, i);
      if (label >= 0) return value(label, label, i + 1);
    } else if (code === 46 /* . */ || code === 33 /* ! */ || code === 63 /* ? */) {
      if (endsSentence(text, from, i)) return value(i, i + 1, i + 3);
    } else if (code === 10 || code === 124 /* | */ || code === 0x2022 /* • */ || code === 0xb7 /* · */) {
      return value(i, i + 1, i + 1);
    }
    if (i - from > MAX_VALUE_CHARS && !couldBeLabel(text, i)) return value(i, i, i + 1);
  }
  return value(limit, limit, limit + 1);
}

/** Past the longest value, only a label can still end it: its letters and spaces up to a colon. */
function couldBeLabel(text: string, i: number): boolean {
  return isLabelChar(text, i);
}

/** A capitalized word that starts prose rather than goes on a value: "Company: Acme We build…". */
function opensSentence(text: string, start: number): boolean {
  const first = text.charCodeAt(start);
  if (!((first >= 65 && first <= 90) || (first > 127 && UPPER.test(text[start]!)))) return false;
  let end = start + 1;
  while (end < text.length && end - start < 12 && text.charCodeAt(end) !== 32) end++;
  return SENTENCE_OPENERS.has(text.slice(start, end));
}

/** ". " before a capital or a digit, and not after an abbreviation or an initial ("Jr.", "D.C.", "J."). */
function endsSentence(text: string, from: number, i: number): boolean {
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 32;
  if (next !== 32 && next !== 10) return false;
  if (next === 32 && i + 2 < text.length && !isUpperOrDigitAt(text, i + 2)) return false;
  if (text.charCodeAt(i) !== 46) return true;
  let start = i;
  while (start > from && (isLetterAt(text, start - 1) || text.charCodeAt(start - 1) === 46)) start--;
  const word = text.slice(start, i);
  return word.length > 1 && !word.includes('.') && !ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * Where a label ending at `colon` starts, if the words before the colon end with one: the longest of the last
 * MAX_LABEL_WORDS words (split at spaces and at glued words, "DescriptionJob"), not before `from`; -1 if none.
 */
function labelStartBefore(text: string, from: number, colon: number): number {
  let end = colon;
  while (end > from && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 42)) end--;
  let best = -1;
  let wordEnd = end;
  for (let words = 0; words < MAX_LABEL_WORDS && wordEnd > from; words++) {
    let start = wordEnd;
    while (start > from && isLabelChar(text, start - 1) && text.charCodeAt(start - 1) !== 32) {
      start--;
      if (start > from && isLowerAt(text, start - 1) && isUpperAt(text, start)) break;
    }
    if (start === wordEnd) break;
    if (LABEL_KINDS.has(text.slice(start, end).toLowerCase())) best = start;
    if (start > from && text.charCodeAt(start - 1) === 32) wordEnd = start - 1;
    else if (start > from && isLabelChar(text, start - 1)) wordEnd = start;
    else break;
  }
  return best;
}

function trimValue(value: string): string {
  let end = value.length;
  while (end > 0 && ' ,;-–'.includes(value[end - 1]!)) end--;
  return value.slice(0, end);
}

/** The description without its label noise: inner "Job Description:" labels, a missing space after a colon. */
export function stripDescriptionLabels(body: string): string {
  let text = body;
  // The tests first: most descriptions have neither, and a replace that finds nothing still costs its setup.
  if (/description/i.test(text)) text = text.replace(INNER_DESCRIPTION_LABEL, '$1');
  return GLUED_COLON.test(text) ? text.replace(GLUED_COLON_GLOBAL, '$1: $2') : text;
}

/** Is `text` one of the labels (any case): "Location", "Job title", "Stellenbezeichnung". */
export function isLabel(text: string): boolean {
  return LABEL_KINDS.has(text.trim().toLowerCase());
}

/**
 * The snippet of a description made only of labelled lines: its most descriptive value, the kind of role, else
 * where, what pay and what kind of contract, never the labels.
 */
export function snippetFromValues(header: LabelledHeader): string {
  if (header.role) return header.role;
  return [header.location, header.salary, header.employmentType].filter(Boolean).join(' · ');
}

/**
 * The raw posting with the header's values in the fields it lacks, so the location, salary, employment type,
 * end date and workplace rules read them. The posting itself when the header fills nothing.
 */
export function withHeaderValues(raw: RawPosting, header: LabelledHeader): RawPosting {
  const location = !raw.location?.trim() && header.location;
  const salary = !raw.salary?.trim() && header.salary;
  const employmentType = !raw.employmentType?.trim() && header.employmentType;
  const validThrough = !raw.validThrough?.trim() && header.closingDate;
  const remote = !raw.remote?.trim() && header.workplace;
  if (!location && !salary && !employmentType && !validThrough && !remote) return raw;
  return {
    ...raw,
    location: location || raw.location,
    salary: salary || raw.salary,
    employmentType: employmentType || raw.employmentType,
    validThrough: validThrough || raw.validThrough,
    remote: remote || raw.remote,
  };
}
