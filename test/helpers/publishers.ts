import type { Database } from '../../src/data/database';

let count = 0;

/** A publisher account as `jobfeed publishers add` makes it; returns its id and the Authorization header. */
export async function addPublisher(db: Database, name = 'Publisher') {
  count += 1;
  const { account: publisher, apiKey } = await db.publishers.create({
    name,
    email: `p${count}-${Date.now()}@example.com`,
  });
  return { id: String(publisher._id), apiKey, auth: { authorization: `Bearer ${apiKey}` } };
}
