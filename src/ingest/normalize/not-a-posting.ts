/**
 * Items that feeds carry which are no job: a search alert's status line, a feed's terms, an empty stub, a test
 * posting. Each is rejected with a reason that names the kind (the same reason for every item of a kind, so the
 * run's rejection counts group them).
 */
const STATUS =
  /^(?:no (?:new )?(?:jobs?|matches|results|vacancies|positions|openings|listings|postings)\b|there are (?:currently )?no (?:open |new )?(?:jobs|vacancies|positions|openings)\b|0 (?:jobs|results|matches) found\b|no current (?:vacancies|openings)\b|keine (?:neuen )?(?:stellen|jobs|treffer|ergebnisse)\b|aucune (?:nouvelle )?offre\b|no hay (?:nuevas )?ofertas\b|geen (?:nieuwe )?vacatures\b|nenhuma (?:nova )?vaga\b)/i;
const LEGAL =
  /^(?:by (?:using|accessing|subscribing to|reading) this (?:feed|service|site|website)\b|terms (?:of|and) (?:use|service|conditions)\b|copyright\b|©|all rights reserved\b|disclaimer\b|privacy (?:policy|notice)\b|this feed (?:is|may)\b)/i;
/** A description that is a notice: the phrases only, "Copyright and licensing work…" is a job. */
const LEGAL_TEXT =
  /^(?:by (?:using|accessing|subscribing to|reading) this (?:feed|service|site|website)\b|this feed (?:is|may)\b|(?:these )?terms (?:of|and) (?:use|service|conditions) (?:apply|of this feed)\b)/i;
const STUB =
  /^(?:untitled(?: (?:job|position|posting))?|new (?:job|position|posting|vacancy)|n\/?a|tbd|tba|null|undefined|none|\(no title\)|[-–—.…?*#]+)$/i;
const PLACEHOLDER =
  /\b(?:test (?:job|posting|vacancy|position|listing|ad)\b|do not apply\b|please ignore\b|lorem ipsum\b|dummy (?:job|posting|vacancy)\b)/i;

const LOREM = /^lorem ipsum\b/i;

/** Why the item is no posting, from its title and description; null for a posting. */
export function notAPostingReason(title: string, snippetText: string, hasJobFields: boolean): string | null {
  if (title.length <= 120) {
    if (STUB.test(title)) return 'not a posting: an empty stub';
    if (STATUS.test(title)) return 'not a posting: a status message';
    if (LEGAL.test(title)) return 'not a posting: a legal notice';
    if (PLACEHOLDER.test(title)) return 'not a posting: a placeholder';
  }
  // Anchored at the start, these look at the first characters only.
  if (LOREM.test(snippetText)) return 'not a posting: a placeholder';
  if (!hasJobFields && LEGAL_TEXT.test(snippetText)) return 'not a posting: a legal notice';
  return null;
}
