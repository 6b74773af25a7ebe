import { completeFilters } from '../domain/placement';
import type { Types } from 'mongoose';
import type { Database } from '../data/database';
import type { Placement } from '../data/placement.schema';
import type { RecentFilter } from '../data/posting.repository';
import { companyKey } from '../data/search-terms';
import { NotFoundError } from '../errors';
import { validate } from '../validate';
import { createPlacementBody, updatePlacementBody, type PlacementJobsQuery } from './placement-input.schema';

/**
 * The placement use-cases the publisher API shares (and the CLI or admin pages may call): one validation, one owner
 * rule (another publisher's placement is not found), one cache invalidation.
 */
export interface PlacementUseCaseDependencies {
  db: Database;
  /** After a placement changed or went: the cached lists of every API process are stale. */
  onPlacementChanged(): Promise<void>;
}

export async function createPlacement(
  deps: PlacementUseCaseDependencies,
  publisherId: Types.ObjectId,
  input: unknown,
): Promise<Placement> {
  const body = validate(createPlacementBody, input);
  const { filters } = body;
  return deps.db.placements.create({
    ...body,
    publisherId,
    filters: completeFilters(filters),
  });
}

export async function listPlacements(
  deps: Pick<PlacementUseCaseDependencies, 'db'>,
  publisherId: Types.ObjectId,
): Promise<Placement[]> {
  return deps.db.placements.listOwned(publisherId);
}

export async function getPlacement(
  deps: Pick<PlacementUseCaseDependencies, 'db'>,
  publisherId: Types.ObjectId,
  id: string,
): Promise<Placement> {
  const placement = await deps.db.placements.findOwned(id, publisherId);
  if (!placement) throw new NotFoundError('Placement');
  return placement;
}

/** Changes a placement; in `filters`, null or an empty list clears that filter and a field left out stays. */
export async function updatePlacement(
  deps: PlacementUseCaseDependencies,
  publisherId: Types.ObjectId,
  id: string,
  input: unknown,
): Promise<Placement> {
  const changes = validate(updatePlacementBody, input);
  const placement = await deps.db.placements.updateOwned(id, publisherId, changes);
  if (!placement) throw new NotFoundError('Placement');
  await deps.onPlacementChanged();
  return placement;
}

export async function deletePlacement(
  deps: PlacementUseCaseDependencies,
  publisherId: Types.ObjectId,
  id: string,
): Promise<void> {
  if (!(await deps.db.placements.deleteOwned(id, publisherId))) throw new NotFoundError('Placement');
  await deps.onPlacementChanged();
}

/** The recent-list filter of a placement's list, with the host page's keywords when the placement ranks by them. */
export type PlacementListFilter = RecentFilter & { context?: string };

/**
 * What a placement lists: its own filters, narrowed by the request's parameters and never widened. A parameter
 * outside the placement's filters (a company it does not list) narrows the list to nothing: `filter` is null.
 */
export async function resolvePlacementList(
  deps: Pick<PlacementUseCaseDependencies, 'db'>,
  id: string,
  query: PlacementJobsQuery,
): Promise<{ placement: Placement; filter: PlacementListFilter | null }> {
  const placement = await deps.db.placements.findById(id);
  if (!placement) throw new NotFoundError('Placement');
  const own = placement.filters;
  const companies = narrow(own.companies, query.company, (name) => companyKey(name) ?? '');
  const countries = narrow(own.countries, query.country, (code) => code);
  const categories = narrow(own.categories, query.category, (category) => category);
  const workplace = narrow(own.workplace ? [own.workplace] : [], query.workplace, (w) => w);
  if (!companies || !countries || !categories || !workplace) return { placement, filter: null };
  const q = [own.q, query.q].filter(Boolean).join(' ');
  return {
    placement,
    filter: {
      limit: Math.min(placement.limit, query.limit ?? placement.limit),
      ...(q ? { q } : {}),
      ...(companies.length ? { companies } : {}),
      ...(countries.length ? { countries } : {}),
      ...(categories.length ? { categories } : {}),
      ...(workplace.length ? { workplace: workplace[0] } : {}),
      ...(own.maxAgeDays ? { maxAgeDays: own.maxAgeDays } : {}),
      ...(placement.context === 'meta' && query.context ? { context: query.context } : {}),
    },
  };
}

/**
 * The values a list keeps once a request asks for `wanted`: the placement's own (empty: any), or just `wanted` when
 * the placement keeps it too; null when the placement does not keep it.
 */
function narrow<T>(own: T[], wanted: T | undefined, key: (value: T) => string): T[] | null {
  if (wanted === undefined) return own;
  if (own.length && !own.some((value) => key(value) === key(wanted))) return null;
  return [wanted];
}
