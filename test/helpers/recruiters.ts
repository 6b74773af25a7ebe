import type { Database } from '../../src/data/database';

let count = 0;

/** A recruiter account as `jobfeed recruiters add` makes it; returns its id and the Authorization header. */
export async function addRecruiter(db: Database, name = 'Recruiter') {
  count += 1;
  const { account: recruiter, apiKey } = await db.recruiters.create({
    name,
    email: `r${count}-${Date.now()}@example.com`,
  });
  return { id: String(recruiter._id), apiKey, auth: { authorization: `Bearer ${apiKey}` } };
}

/** An Indeed-style XML feed from job element bodies. */
export function indeedFeed(jobs: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<source>\n${jobs.map((job) => `<job>${job}</job>`).join('\n')}\n</source>\n`;
}

export function xmlHandler(body: string) {
  return (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' }).end(body);
  };
}
