import type { Seniority } from '../../domain/posting';
import { foldedWords } from './folded-words';

/** Title words (folded: lowercase, no accents; "|" between them) that name a level. */
const TERMS: Record<Seniority, string> = {
  intern:
    'intern|interns|internship|praktikum|praktikant|praktikantin|stagiaire|becario|becaria|practicas|' +
    'estagio|estagiario|estagiaria|stagiair|werkstudent|werkstudentin|apprentice|apprenticeship|azubi|' +
    'auszubildende|auszubildender|ausbildung|alternance|alternant',
  junior: 'junior|jr|entry level|graduate|trainee|berufseinsteiger|debutant|debutante',
  mid: 'mid|mid level|midlevel|intermediate|medior',
  senior: 'senior|sr|snr|experienced|confirme|confirmee',
  lead: 'lead|principal|team lead|tech lead|teamleiter|teamleiterin|teamleitung|leiter|leiterin',
  executive:
    'chief|ceo|cto|cfo|coo|cmo|cio|cpo|vp|svp|evp|vice president|president|director|directrice|' +
    'directeur|directora|diretor|diretora|head of|geschaftsfuhrer|geschaftsfuhrerin',
};
const RANK: Record<Seniority, number> = { intern: 6, junior: 1, mid: 2, senior: 3, lead: 4, executive: 5 };
/** "Staff" is a level only before an engineering word ("Staff Engineer"); "Staff Nurse" is no lead. */
const STAFF_BEFORE = new Set([
  'engineer',
  'software',
  'data',
  'scientist',
  'developer',
  'designer',
  'product',
  'ml',
]);
/** Words after "lead" that make it a subject: "Lead Generation Specialist". */
const LEAD_SUBJECTS = new Set(['generation', 'gen']);

const LEVEL: ReadonlyMap<string, Seniority> = new Map(
  Object.entries(TERMS).flatMap(([level, terms]) =>
    terms.split('|').map((term) => [term, level as Seniority] as const),
  ),
);

/**
 * The level a title names, or null: the highest named wins ("Sr Developer - Lead" is lead), except that an
 * internship or apprenticeship is always intern. "Principal" as a title's last word is the school's, not a level.
 */
export function seniorityOf(title: string): Seniority | null {
  const list = foldedWords(title);
  let best: Seniority | null = null;
  const consider = (level: Seniority | undefined) => {
    if (level && (!best || RANK[level] > RANK[best])) best = level;
  };
  for (let i = 0; i < list.length; i++) {
    const word = list[i]!;
    const next = list[i + 1];
    const pair = next ? LEVEL.get(`${word} ${next}`) : undefined;
    if (pair) {
      consider(pair);
      i++;
    } else if (word === 'staff') {
      if (next && STAFF_BEFORE.has(next)) consider('lead');
    } else if (word === 'lead') {
      if (!next || !LEAD_SUBJECTS.has(next)) consider('lead');
    } else if (word === 'principal') {
      if (next) consider('lead');
    } else {
      consider(LEVEL.get(word));
    }
  }
  return best;
}
