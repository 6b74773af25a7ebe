import type { Category, Workplace } from './posting';

export const PLACEMENT_THEMES = ['light', 'dark', 'auto'] as const;
export type PlacementTheme = (typeof PLACEMENT_THEMES)[number];

/** "meta": the widget sends the host page's keywords as ?context= to rank the list; "none": newest first. */
export const PLACEMENT_CONTEXTS = ['none', 'meta'] as const;
export type PlacementContext = (typeof PLACEMENT_CONTEXTS)[number];

/** The most postings one placement lists, and how many it lists unless its publisher says otherwise. */
export const PLACEMENT_MAX_LIMIT = 50;
export const PLACEMENT_DEFAULT_LIMIT = 6;

/** What a placement's list keeps. An empty list or null keeps everything. */
export interface PlacementFilters {
  q: string | null;
  /** Company names as the publisher wrote them; matched ignoring case (on the postings' `companyKey`). */
  companies: string[];
  /** ISO 3166-1 alpha-2, uppercase. */
  countries: string[];
  categories: Category[];
  workplace: Workplace | null;
  /** Only postings listed at most this many days ago (never longer than MAX_POSTING_AGE_DAYS). */
  maxAgeDays: number | null;
}

/** Every filter of a placement present, the ones not given keeping everything. */
export function completeFilters(filters: Partial<PlacementFilters>): PlacementFilters {
  return {
    q: filters.q ?? null,
    companies: filters.companies ?? [],
    countries: filters.countries ?? [],
    categories: filters.categories ?? [],
    workplace: filters.workplace ?? null,
    maxAgeDays: filters.maxAgeDays ?? null,
  };
}
