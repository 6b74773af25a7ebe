import type { Model, Types } from 'mongoose';
import { createAccountRepository } from './account.repository';
import type { Recruiter } from './recruiter.schema';

/** Recruiter accounts; revoking a key leaves the recruiter's feeds running. */
export function createRecruiterRepository(model: Model<Recruiter>) {
  return {
    ...createAccountRepository(model, 'recruiter'),

    /** Recruiter names by id; unknown ids are left out. */
    async namesById(ids: Types.ObjectId[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const found = await model
        .find({ _id: { $in: ids } }, { name: 1 })
        .lean<Pick<Recruiter, '_id' | 'name'>[]>();
      return new Map(found.map((recruiter) => [String(recruiter._id), recruiter.name]));
    },
  };
}

export type RecruiterRepository = ReturnType<typeof createRecruiterRepository>;
