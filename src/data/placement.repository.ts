import type { Model, Types } from 'mongoose';
import type { PlacementFilters } from '../domain/placement';
import { toObjectId } from './ids';
import type { Placement } from './placement.schema';

export type NewPlacement = Omit<Placement, '_id' | 'createdAt' | 'updatedAt'>;

/** A PATCH: top-level fields replace, `filters` fields replace one by one (the others stay). */
export type PlacementChanges = Partial<Omit<NewPlacement, 'publisherId' | 'filters'>> & {
  filters?: Partial<PlacementFilters>;
};

export function createPlacementRepository(model: Model<Placement>) {
  return {
    async create(input: NewPlacement): Promise<Placement> {
      return (await model.create(input)).toObject<Placement>();
    },

    async listOwned(publisherId: Types.ObjectId): Promise<Placement[]> {
      return model.find({ publisherId }).sort({ createdAt: 1 }).lean<Placement[]>();
    },

    /** The placement if it is the publisher's; another publisher's, like an unknown id, is null. */
    async findOwned(id: string, publisherId: Types.ObjectId): Promise<Placement | null> {
      const objectId = toObjectId(id);
      return objectId ? model.findOne({ _id: objectId, publisherId }).lean<Placement>() : null;
    },

    /** Any placement: the public list of a placement. */
    async findById(id: string): Promise<Placement | null> {
      const objectId = toObjectId(id);
      return objectId ? model.findById(objectId).lean<Placement>() : null;
    },

    async updateOwned(
      id: string,
      publisherId: Types.ObjectId,
      changes: PlacementChanges,
    ): Promise<Placement | null> {
      const objectId = toObjectId(id);
      if (!objectId) return null;
      const { filters, ...fields } = changes;
      const set: Record<string, unknown> = { ...fields };
      for (const [name, value] of Object.entries(filters ?? {})) set[`filters.${name}`] = value;
      return model
        .findOneAndUpdate({ _id: objectId, publisherId }, { $set: set }, { returnDocument: 'after' })
        .lean<Placement>();
    },

    async deleteOwned(id: string, publisherId: Types.ObjectId): Promise<Placement | null> {
      const objectId = toObjectId(id);
      if (!objectId) return null;
      return model.findOneAndDelete({ _id: objectId, publisherId }).lean<Placement>();
    },
  };
}

export type PlacementRepository = ReturnType<typeof createPlacementRepository>;
