import { Schema, Types } from 'mongoose';
import {
  PLACEMENT_CONTEXTS,
  PLACEMENT_THEMES,
  type PlacementContext,
  type PlacementFilters,
  type PlacementTheme,
} from '../domain/placement';
import { CATEGORIES, WORKPLACES } from '../domain/posting';

/** One list a publisher shows on their site: which postings, how many, and how it looks. */
export interface Placement {
  _id: Types.ObjectId;
  publisherId: Types.ObjectId;
  name: string;
  /** Origins ("https://news.example") the widget runs on. */
  allowedOrigins: string[];
  filters: PlacementFilters;
  limit: number;
  heading: string | null;
  /** A BCP 47 language tag ("en", "de-CH"). */
  locale: string;
  theme: PlacementTheme;
  context: PlacementContext;
  createdAt: Date;
  updatedAt: Date;
}

const filtersSchema = new Schema<PlacementFilters>(
  {
    q: { type: String, default: null },
    companies: { type: [String], default: [] },
    countries: { type: [String], default: [] },
    categories: { type: [String], enum: CATEGORIES, default: [] },
    workplace: { type: String, enum: [...WORKPLACES, null], default: null },
    maxAgeDays: { type: Number, default: null },
  },
  { _id: false },
);

export const placementSchema = new Schema<Placement>(
  {
    publisherId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    allowedOrigins: { type: [String], default: [] },
    filters: { type: filtersSchema, default: () => ({}) },
    limit: { type: Number, required: true },
    heading: { type: String, default: null },
    locale: { type: String, required: true },
    theme: { type: String, enum: PLACEMENT_THEMES, required: true },
    context: { type: String, enum: PLACEMENT_CONTEXTS, required: true },
  },
  { timestamps: true, collection: 'placements' },
);

// A publisher's placements: `{ publisherId } sort { createdAt: 1 }` (GET /api/v1/placements). One placement, owned
// or public, is looked up by `_id` (with `publisherId` beside it for the owner's routes).
placementSchema.index({ publisherId: 1, createdAt: 1 });
