import type { Category } from '../../domain/posting';
import { fold, foldedWords } from './folded-words';

/**
 * Terms that name a category ("|" between them), in English with the common German, French, Spanish, Dutch and Portuguese job words.
 * A two-word term ("sales engineer") outranks its words.
 */
const TERMS: Record<Exclude<Category, 'other'>, string> = {
  engineering:
    'engineer|engineering|developer|programmer|software|devops|sre|frontend|backend|fullstack|' +
    'full stack|front end|back end|system administrator|systems administrator|sysadmin|qa|tester|java|' +
    'python|javascript|php|ios|android|entwickler|ingenieur|ingénieur|développeur|desarrollador|' +
    'programador|ingeniero|ontwikkelaar|desenvolvedor|engenheiro|software architect|' +
    'solutions architect|cloud architect|it support|network administrator',
  data:
    'data scientist|data science|data analyst|data engineer|data engineering|machine learning|ml|' +
    'analytics|business intelligence|bi|statistician|datenanalyst|data architect|ai engineer',
  design: 'designer|design|ux|ui|illustrator|art director|product designer|diseñador|ontwerper|graphiste',
  product: 'product manager|product owner|product lead|product management|produktmanager|product director',
  sales:
    'sales|account executive|account manager|business development|bdr|sdr|retail|cashier|' +
    'sales engineer|vertrieb|verkäufer|vendeur|vendeuse|ventas|vendedor|vendedora|verkoper|' +
    'merchandiser|store manager|store associate|sales associate|commercial',
  marketing:
    'marketing|seo|sem|copywriter|social media|brand|communications|marketer|content marketing|' +
    'product marketing|growth marketing',
  'customer-support':
    'customer service|customer support|customer success|support specialist|help desk|helpdesk|' +
    'call center|call centre|kundenservice|kundenberater|service client|atención al cliente|' +
    'klantenservice|customer care',
  operations:
    'operations|office manager|administrative|project manager|executive assistant|office assistant|' +
    'receptionist|facility|facilities|procurement|purchasing|einkauf',
  finance:
    'accountant|accounting|finance|financial|controller|controlling|auditor|audit|bookkeeper|tax|' +
    'treasury|accounts payable|accounts receivable|payroll|buchhalter|buchhaltung|steuerberater|' +
    'comptable|contable|boekhouder|contador|financial analyst',
  legal:
    'lawyer|attorney|paralegal|counsel|legal|solicitor|notary|compliance|rechtsanwalt|jurist|juriste|' +
    'avocat|abogado|advocaat|advogado',
  hr:
    'recruiter|recruiting|recruitment|talent acquisition|human resources|hr|hrbp|people partner|' +
    'personalreferent|rh|rrhh|personeelszaken',
  healthcare:
    'nurse|nursing|rn|lpn|physician|doctor|pharmacist|pharmacy|therapist|caregiver|dentist|dental|' +
    'medical|clinical|clinic|hospital|healthcare|care assistant|surgeon|radiologist|paramedic|' +
    'krankenpfleger|arzt|ärztin|infirmier|infirmière|médecin|enfermero|enfermera|médico|' +
    'verpleegkundige|enfermeiro|pflegefachkraft|altenpfleger',
  education:
    'teacher|tutor|lecturer|professor|instructor|educator|school|kindergarten|teaching|lehrer|' +
    'lehrerin|erzieher|erzieherin|enseignant|enseignante|professeur|profesor|profesora|docente|leraar|' +
    'professora',
  hospitality:
    'chef|cook|waiter|waitress|bartender|barista|housekeeper|housekeeping|hotel|restaurant|front desk|' +
    'dishwasher|kellner|koch|köchin|serveur|serveuse|cuisinier|camarero|camarera|cocinero|kok|garçom|' +
    'hospitality|catering|cafe|baker|bäcker|boulanger|panadero|bakker',
  logistics:
    'warehouse|driver|forklift|supply chain|logistics|delivery|courier|dispatcher|fahrer|lager|' +
    'lagerist|logistik|chauffeur|conductor|magazijn|motorista|logística|logistique|truck|shipping',
  manufacturing:
    'production|manufacturing|machine operator|welder|machinist|assembler|assembly|' +
    'maintenance technician|cnc|fabrication|produktion|fertigung|schweißer|soudeur|producción|' +
    'operario|operador|plant|factory',
  'public-sector':
    'government|police|firefighter|municipal|federal|civil service|public sector|ministry|council|' +
    'beamter|beamtin|fonctionnaire|funcionario|gemeente|public administration',
};

/** German compounds ("Softwareentwickler", "Pflegehelfer"): a word that starts or ends with one of these. */
const COMPOUND_ENDS: [string, Category][] = [
  ['entwickler', 'engineering'],
  ['ingenieur', 'engineering'],
  ['pfleger', 'healthcare'],
  ['pflegerin', 'healthcare'],
  ['pflegekraft', 'healthcare'],
  ['verkaufer', 'sales'],
  ['buchhalter', 'finance'],
  ['lehrer', 'education'],
  ['fahrer', 'logistics'],
  ['designer', 'design'],
];
const COMPOUND_STARTS: [string, Category][] = [
  ['software', 'engineering'],
  ['pflege', 'healthcare'],
  ['daten', 'data'],
  ['vertrieb', 'sales'],
  ['marketing', 'marketing'],
  ['personal', 'hr'],
  ['finanz', 'finance'],
  ['lager', 'logistics'],
];
const MIN_COMPOUND = 8;
/** A description decides only when its terms name one category at least this often. */
const DESCRIPTION_MIN_HITS = 2;

const TERM_CATEGORY: ReadonlyMap<string, Category> = new Map(
  Object.entries(TERMS).flatMap(([category, terms]) =>
    terms.split('|').map((term) => [fold(term), category as Category] as const),
  ),
);

/** The categories a text's terms name, in order: a two-word term in place of its words. */
function termsIn(list: string[]): Category[] {
  const found: Category[] = [];
  for (let i = 0; i < list.length; i++) {
    const pair = i + 1 < list.length ? TERM_CATEGORY.get(`${list[i]} ${list[i + 1]}`) : undefined;
    if (pair) {
      found.push(pair);
      i++;
      continue;
    }
    const word = list[i]!;
    const single =
      TERM_CATEGORY.get(word) ?? (word.length >= MIN_COMPOUND ? compoundCategory(word) : undefined);
    if (single) found.push(single);
  }
  return found;
}

function compoundCategory(word: string): Category | undefined {
  for (const [end, category] of COMPOUND_ENDS) if (word.endsWith(end)) return category;
  for (const [start, category] of COMPOUND_STARTS) if (word.startsWith(start)) return category;
  return undefined;
}

/** Where a title's role ends and its context begins: "Software Engineer - Marketing Platform". */
const TITLE_SEGMENTS = /\s[-–—|/]\s|[,([:]/;

/**
 * The posting's category: from the title's terms, segment by segment ("Software Engineer - Marketing Platform" is
 * engineering): in the first segment that has any, its last two-word term, else its last term (the head noun in
 * English: "Warehouse Team Driver"); else the category the description's opening names most (at least twice); else
 * other.
 */
export function categoryOf(title: string, description: string): Category {
  for (const segment of title.split(TITLE_SEGMENTS)) {
    const list = foldedWords(segment);
    const inSegment = termsIn(list);
    if (inSegment.length) return lastPair(list) ?? inSegment[inSegment.length - 1]!;
  }
  const counts = new Map<Category, number>();
  let best: Category = 'other';
  let bestCount = DESCRIPTION_MIN_HITS - 1;
  for (const category of termsIn(foldedWords(description))) {
    const count = (counts.get(category) ?? 0) + 1;
    counts.set(category, count);
    if (count > bestCount) [best, bestCount] = [category, count];
  }
  return best;
}

function lastPair(list: string[]): Category | undefined {
  let found: Category | undefined;
  for (let i = 0; i + 1 < list.length; i++) found = TERM_CATEGORY.get(`${list[i]} ${list[i + 1]}`) ?? found;
  return found;
}
