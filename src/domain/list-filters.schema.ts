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

/**
 * Campaign tags and click ids that links pick up on their way to a page (`utm_source`, `fbclid`, …): no filter of a
 * list, so they are dropped before validation, never refused and never part of a cache key.
 */
const CLICK_IDS = ['fbclid', 'gclid', 'msclkid', 'mc_cid', 'mc_eid'];
const isTrackingParameter = (name: string) => name.startsWith('utm_') || CLICK_IDS.includes(name);
export const TRACKING_PARAMETERS_NOTE = `Tracking parameters (\`utm_*\`, ${CLICK_IDS.map((id) => `\`${id}\``).join(', ')}) are ignored; any other unknown parameter is a 400 naming it.`;

function withoutTrackingParameters(query: unknown): unknown {
  if (typeof query !== 'object' || query === null) return query;
  return Object.fromEntries(Object.entries(query).filter(([name]) => !isTrackingParameter(name)));
}

/**
 * The query of a public list: the parameters of `shape`, tracking parameters ignored, anything else refused, so
 * `?company[$ne]=x` or a misspelt `?limt=5` is a 400 naming it.
 */
export function listQuery<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess(withoutTrackingParameters, z.strictObject(shape));
}

/** An empty `q=`, `company=` or `context=` filters nothing. */
export function withoutBlankText<T extends { q?: string; company?: string; context?: string }>(query: T): T {
  return {
    ...query,
    q: query.q || undefined,
    company: query.company || undefined,
    context: query.context || undefined,
  };
}
