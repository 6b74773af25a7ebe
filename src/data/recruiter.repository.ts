import type { Model, Types } from 'mongoose';
import { generateApiKey, hashApiKey } from '../auth/api-key';
import { toObjectId } from './ids';
import type { Recruiter } from './recruiter.schema';

export interface IssuedKey {
  recruiter: Recruiter;
  /** Shown once, at creation or rotation; only its hash is kept. */
  apiKey: string;
}

export function createRecruiterRepository(model: Model<Recruiter>) {
  return {
    async create(input: { name: string; email: string }): Promise<IssuedKey> {
      const { apiKey, keyPrefix, keyHash } = generateApiKey();
      const created = await model.create({ ...input, keyPrefix, keyHash, status: 'active' });
      return { recruiter: created.toObject<Recruiter>(), apiKey };
    },

    /** The recruiter a key belongs to, revoked or not; null for an unknown key. */
    async findByApiKey(apiKey: string): Promise<Recruiter | null> {
      return model.findOne({ keyHash: hashApiKey(apiKey) }).lean<Recruiter>();
    },

    async findById(id: string): Promise<Recruiter | null> {
      const objectId = toObjectId(id);
      return objectId ? model.findById(objectId).lean<Recruiter>() : null;
    },

    /** Recruiter names by id; unknown ids are left out. */
    async namesById(ids: Types.ObjectId[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const found = await model
        .find({ _id: { $in: ids } }, { name: 1 })
        .lean<Pick<Recruiter, '_id' | 'name'>[]>();
      return new Map(found.map((recruiter) => [String(recruiter._id), recruiter.name]));
    },

    async list(): Promise<Recruiter[]> {
      return model.find({}).sort({ createdAt: 1 }).lean<Recruiter[]>();
    },

    /** The key stops working at once; the recruiter's feeds stay. */
    async revoke(id: string, at = new Date()): Promise<Recruiter | null> {
      const objectId = toObjectId(id);
      if (!objectId) return null;
      return model
        .findOneAndUpdate(
          { _id: objectId },
          { $set: { status: 'revoked', revokedAt: at } },
          { returnDocument: 'after' },
        )
        .lean<Recruiter>();
    },

    /** Replaces the key (the old one stops working at once) and re-activates a revoked recruiter. */
    async rotate(id: string, at = new Date()): Promise<IssuedKey | null> {
      const objectId = toObjectId(id);
      if (!objectId) return null;
      const { apiKey, keyPrefix, keyHash } = generateApiKey();
      const recruiter = await model
        .findOneAndUpdate(
          { _id: objectId },
          { $set: { keyPrefix, keyHash, keyRotatedAt: at, status: 'active', revokedAt: null } },
          { returnDocument: 'after' },
        )
        .lean<Recruiter>();
      return recruiter ? { recruiter, apiKey } : null;
    },
  };
}

export type RecruiterRepository = ReturnType<typeof createRecruiterRepository>;
