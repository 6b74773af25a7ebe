import type { Model } from 'mongoose';
import { createAccountRepository } from './account.repository';
import type { Publisher } from './publisher.schema';

/** Publisher accounts; revoking a key leaves the publisher's placements serving their lists. */
export function createPublisherRepository(model: Model<Publisher>) {
  return createAccountRepository(model, 'publisher');
}

export type PublisherRepository = ReturnType<typeof createPublisherRepository>;
