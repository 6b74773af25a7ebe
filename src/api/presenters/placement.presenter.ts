import { completeFilters } from '../../domain/placement';
import type { z } from 'zod';
import type { Placement } from '../../data/placement.schema';
import type { placementJobsResponse, placementView } from '../schemas/placement-responses.schema';

export type PlacementView = z.input<typeof placementView>;

export function presentPlacement(placement: Placement): PlacementView {
  const id = String(placement._id);
  const { filters } = placement;
  return {
    id,
    name: placement.name,
    allowedOrigins: placement.allowedOrigins,
    filters: completeFilters(filters),
    limit: placement.limit,
    heading: placement.heading,
    locale: placement.locale,
    theme: placement.theme,
    context: placement.context,
    jobsUrl: `/api/v1/placements/${id}/jobs`,
    createdAt: placement.createdAt.toISOString(),
    updatedAt: placement.updatedAt.toISOString(),
  };
}

/** What the widget draws the list with; never the placement's filters or origins. */
export function presentPlacementHeader(
  placement: Placement,
): z.input<typeof placementJobsResponse>['placement'] {
  return {
    id: String(placement._id),
    heading: placement.heading,
    locale: placement.locale,
    theme: placement.theme,
    context: placement.context,
  };
}
