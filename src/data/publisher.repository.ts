import type { Model } from 'mongoose';
import { generateApiKey, hashApiKey } from '../auth/api-key';
import { toObjectId } from './ids';
import type { Publisher } from './publisher.schema';

export interface IssuedPublisherKey {
  publisher: Publisher;
  /** Shown once, at creation or rotation; only its hash is kept. */
  apiKey: string;
}

export function createPublisherRepository(model: Model<Publisher>) {
  return {
    async create(input: { name: string; email: string }): Promise<IssuedPublisherKey> {
      const { apiKey, keyPrefix, keyHash } = generateApiKey('publisher');
      const created = await model.create({ ...input, keyPrefix, keyHash, status: 'active' });
      return { publisher: created.toObject<Publisher>(), apiKey };
    },

    /** The publisher a key belongs to, revoked or not; null for an unknown key. */
    async findByApiKey(apiKey: string): Promise<Publisher | null> {
      return model.findOne({ keyHash: hashApiKey(apiKey) }).lean<Publisher>();
    },

    async list(): Promise<Publisher[]> {
      return model.find({}).sort({ createdAt: 1 }).lean<Publisher[]>();
    },

    /** The key stops working at once; the publisher's placements keep serving their lists. */
    async revoke(id: string, at = new Date()): Promise<Publisher | null> {
      const objectId = toObjectId(id);
      if (!objectId) return null;
      return model
        .findOneAndUpdate(
          { _id: objectId },
          { $set: { status: 'revoked', revokedAt: at } },
          { returnDocument: 'after' },
        )
        .lean<Publisher>();
    },

    /** Replaces the key (the old one stops working at once) and re-activates a revoked publisher. */
    async rotate(id: string, at = new Date()): Promise<IssuedPublisherKey | null> {
      const objectId = toObjectId(id);
      if (!objectId) return null;
      const { apiKey, keyPrefix, keyHash } = generateApiKey('publisher');
      const publisher = await model
        .findOneAndUpdate(
          { _id: objectId },
          { $set: { keyPrefix, keyHash, keyRotatedAt: at, status: 'active', revokedAt: null } },
          { returnDocument: 'after' },
        )
        .lean<Publisher>();
      return publisher ? { publisher, apiKey } : null;
    },
  };
}

export type PublisherRepository = ReturnType<typeof createPublisherRepository>;
