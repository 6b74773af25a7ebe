import type { EmploymentType } from '../../domain/posting';

const PATTERNS: [RegExp, EmploymentType][] = [
  [/\bfull[\s_-]?time\b|\bpermanent\b|\bfte\b/i, 'FULL_TIME'],
  [/\bpart[\s_-]?time\b/i, 'PART_TIME'],
  [/\bcontract(or|ed)?\b|\bfreelance\b|\bc2c\b|\bcorp[\s-]to[\s-]corp\b/i, 'CONTRACTOR'],
  [/\btemp(orary)?\b|\bseasonal\b/i, 'TEMPORARY'],
  [/\bintern(ship)?\b|\btrainee\b|\bapprentice(ship)?\b/i, 'INTERN'],
  [/\bvolunteer\b/i, 'VOLUNTEER'],
  [/\bper[\s_-]?diem\b/i, 'PER_DIEM'],
];

/** schema.org employmentType from a feed's job type text; OTHER when given but unrecognised, null when absent. */
export function normalizeEmploymentType(raw: string | undefined): EmploymentType | null {
  const text = raw?.trim().replace(/_/g, ' ');
  if (!text) return null;
  return PATTERNS.find(([pattern]) => pattern.test(text))?.[1] ?? 'OTHER';
}
