import { z } from 'zod';
import { CATEGORIES, WORKPLACES } from './posting';

/** A text parameter given once; the same parameter twice arrives as an array and is refused. */
export const queryText = (max: number) =>
  z.string({ error: 'must be a single text value' }).trim().max(max).optional();

const COUNTRY = 'must be a two-letter ISO 3166-1 country code';
/** ISO 3166-1 alpha-2, any case, stored upper case. */
export const countryCode = z
  .string({ error: COUNTRY })
  .regex(/^[A-Za-z]{2}$/, COUNTRY)
  .transform((code) => code.toUpperCase());

/** The filters a list of postings takes as query parameters: the recent list's and a placement's. */
export const listFilterParameters = {
  q: queryText(100),
  /** Keywords of the page the list is shown on; ranks postings by overlap, then recency. */
  context: queryText(500),
  company: queryText(200),
  category: z.enum(CATEGORIES, { error: `must be one of ${CATEGORIES.join(', ')}` }).optional(),
  country: countryCode.optional(),
  workplace: z.enum(WORKPLACES, { error: `must be one of ${WORKPLACES.join(', ')}` }).optional(),
};

/** An empty `q=`, `company=` or `context=` filters nothing. */
export function withoutBlankText<T extends { q?: string; company?: string; context?: string }>(query: T): T {
  return {
    ...query,
    q: query.q || undefined,
    company: query.company || undefined,
    context: query.context || undefined,
  };
}
