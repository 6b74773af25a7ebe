import type { Model } from 'mongoose';
import { generateApiKey, hashApiKey, type ApiKeyKind } from '../auth/api-key';
import { toObjectId } from './ids';

/** An account with the key issued at its creation or rotation: the key is shown once; only its hash is kept. */
export interface IssuedKey<Account> {
  account: Account;
  apiKey: string;
}

/**
 * What the key-holding accounts (recruiters, publishers) share: creating one with a key, finding it by key or id,
 * listing, revoking the key (it stops working at once; what the account owns keeps running) and rotating it (the
 * old key stops working at once, and a revoked account is active again).
 */
export function createAccountRepository<Account>(model: Model<Account>, kind: ApiKeyKind) {
  return {
    async create(input: { name: string; email: string }): Promise<IssuedKey<Account>> {
      const { apiKey, keyPrefix, keyHash } = generateApiKey(kind);
      // The generic model cannot see that every account type has these fields; the schema validates them.
      const fields = { ...input, keyPrefix, keyHash, status: 'active' } as unknown as Account;
      const created = await model.create(fields);
      return { account: created.toObject<Account>(), apiKey };
    },

    /** The account a key belongs to, revoked or not; null for an unknown key. */
    async findByApiKey(apiKey: string): Promise<Account | null> {
      return model.findOne({ keyHash: hashApiKey(apiKey) }).lean<Account>();
    },

    async findById(id: string): Promise<Account | null> {
      const objectId = toObjectId(id);
      return objectId ? model.findById(objectId).lean<Account>() : null;
    },

    async list(): Promise<Account[]> {
      return model.find({}).sort({ createdAt: 1 }).lean<Account[]>();
    },

    async revoke(id: string, at = new Date()): Promise<Account | null> {
      const objectId = toObjectId(id);
      if (!objectId) return null;
      return model
        .findOneAndUpdate(
          { _id: objectId },
          { $set: { status: 'revoked', revokedAt: at } },
          { returnDocument: 'after' },
        )
        .lean<Account>();
    },

    async rotate(id: string, at = new Date()): Promise<IssuedKey<Account> | null> {
      const objectId = toObjectId(id);
      if (!objectId) return null;
      const { apiKey, keyPrefix, keyHash } = generateApiKey(kind);
      const account = await model
        .findOneAndUpdate(
          { _id: objectId },
          { $set: { keyPrefix, keyHash, keyRotatedAt: at, status: 'active', revokedAt: null } },
          { returnDocument: 'after' },
        )
        .lean<Account>();
      return account ? { account, apiKey } : null;
    },
  };
}
