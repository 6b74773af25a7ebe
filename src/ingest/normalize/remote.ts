import type { Workplace } from '../../domain/posting';

/** Explicit field values that say "remote" or "not remote" and nothing else. */
const REMOTE_VALUES =
  /^(?:true|yes|y|1|remote|remote only|fully remote|telecommute|telecommuting|remote ok)$/;
const NOT_REMOTE_VALUES = /^(?:false|no|n|0|not remote)$/;
/** "Remote work not possible", "no remote", "not remote", "kein Homeoffice": said, and said no. */
const NEGATED =
  /\b(?:not|no|non)[\s-]+(?:remote|home[\s-]?office|wfh)\b|\bremote(?:\s+work(?:ing)?)?\s+(?:is\s+)?(?:not|never)\s+(?:possible|available|offered|allowed|an option)\b|\bkein(?:e|en)?\s+(?:home[\s-]?office|remote)\b/;
const HYBRID =
  /\bhybrid[e]?\b|\bhíbrido\b|\bhibrido\b|\bteilweise\s+(?:remote|home[\s-]?office)\b|\bpartially\s+remote\b/;
const ONSITE =
  /\bon[\s-]?site\b|\bin[\s-]office\b|\bin[\s-]person\b|\boffice[\s-]based\b|\bvor\s+ort\b|\bpr[ée]sentiel\b|\bpresencial\b|\bop\s+locatie\b/;
/**
 * Remote words; "remote" followed by the thing it qualifies ("Remote Sensing Engineer", "remote control") is a
 * subject, not a workplace.
 */
const REMOTE =
  /\bremote\b(?!\s*(?:-\s*)?(?:sensing|control|monitoring|pilot|operat\w*|access|support|device\w*|diagnos\w*|patient|surveillance|systems?|technolog\w*|desktop|infrastructure|services?)\b)|\bwork(?:ing)?\s+from\s+home\b|\bwfh\b|\btelecommut\w*|\bhome[\s-]?office\b|\b100\s*%\s*remote\b|\bt[ée]l[ée]travail\b|\bteletrabajo\b|\bremoto\b|\btelewerken\b|\bthuiswerk\w*/;
/** Places that only a remote job can have: "Anywhere in the World", "Worldwide". */
const ANYWHERE = /\banywhere\b|\bworld[\s-]?wide\b|\bweltweit\b|\bpartout\b/;

/** Bracketed title markers: "(Remote)", "[Hybrid]", "(Remote - US)". */
const TITLE_BRACKETS = /[([]([^)\]]{1,60})[)\]]/g;
/** A title's last dash-, pipe- or comma-separated part: "Designer – Remote", "Engineer | Hybrid". */
const TITLE_SUFFIX = /(?:\s[-–—|/]\s*|,\s*|:\s+)([^–—|,:]{1,60})$/;
/** "Remote: Designer", "REMOTE - Engineer". */
const TITLE_PREFIX = /^(remote|hybrid|on-?site)\s*[-–—|:]\s/i;
/** Anywhere in a title: words that leave no doubt. */
const TITLE_ANYWHERE =
  /\b100\s*%\s*remote\b|\bfully\s+remote\b|\bwork(?:ing)?\s+from\s+home\b|\bremote[\s-]first\b/;

/**
 * Workplace of a text that is about where the job is (an explicit field, a tag, a location, a title marker), or null
 * when it says nothing: a negation ("Remote work not possible") is onsite, hybrid wins over remote ("Remote/Hybrid"),
 * remote over onsite.
 */
export function workplaceInText(text: string, allowAnywhere = true): Workplace | null {
  const lower = text.toLowerCase();
  if (NEGATED.test(lower)) return HYBRID.test(lower) ? 'hybrid' : 'onsite';
  if (HYBRID.test(lower)) return 'hybrid';
  if (REMOTE.test(lower) || (allowAnywhere && ANYWHERE.test(lower))) return 'remote';
  if (ONSITE.test(lower)) return 'onsite';
  return null;
}

/** Workplace from a title's markers only: brackets, a separated last part, a prefix, or unmistakable words. */
export function workplaceInTitle(title: string): Workplace | null {
  const prefix = TITLE_PREFIX.exec(title);
  if (prefix) return workplaceInText(prefix[1]!);
  for (const [, inside] of title.matchAll(TITLE_BRACKETS)) {
    const found = workplaceInText(inside!, false);
    if (found) return found;
  }
  const suffix = TITLE_SUFFIX.exec(title);
  if (suffix) {
    const found = workplaceInText(suffix[1]!, false);
    if (found) return found;
  }
  return TITLE_ANYWHERE.test(title.toLowerCase()) ? 'remote' : null;
}

/**
 * Workplace, from the first source that says: the explicit field (a reader's TELECOMMUTE, workplaceType, remote
 * flag, or a remote-only board's declaration), tags, title markers, then the location text. An explicit "not remote"
 * ("false") is onsite unless a text says hybrid. Null when nothing says.
 */
export function workplaceOf(
  explicit: string | undefined,
  tags: readonly string[] | undefined,
  title: string,
  location: string | null,
): Workplace | null {
  const stated = explicit
    ?.trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');
  let notRemote = false;
  if (stated) {
    if (REMOTE_VALUES.test(stated)) return 'remote';
    notRemote = NOT_REMOTE_VALUES.test(stated);
    if (!notRemote) {
      const found = workplaceInText(stated);
      if (found) return found;
    }
  }
  const fromText = fromTags(tags) ?? workplaceInTitle(title) ?? (location ? workplaceInText(location) : null);
  if (notRemote) return fromText === 'hybrid' ? 'hybrid' : 'onsite';
  return fromText;
}

function fromTags(tags: readonly string[] | undefined): Workplace | null {
  if (!tags) return null;
  for (const tag of tags) {
    const found = tag.length <= 60 ? workplaceInText(tag) : null;
    if (found) return found;
  }
  return null;
}
