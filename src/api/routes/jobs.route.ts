import { Router } from 'express';
import type { Database } from '../../data/database';
import { NotFoundError } from '../../errors';
import { presentJobDetail, presentJobSummary } from '../presenters/job.presenter';
import { recentPostings } from '../recent-postings';
import { normalizedKey, sendCached, type ReadCache } from '../read-cache';
import { recentJobsQuery } from '../schemas/recent-jobs.schema';
import { validate } from '../../validate';

export function jobsRouter(db: Database, readCache: ReadCache): Router {
  const router = Router();

  router.get('/api/v1/jobs/recent', async (req, res) => {
    const query = validate(recentJobsQuery, req.query);
    const response = await readCache.get(normalizedKey('recent.json', query), req.originalUrl, async () => {
      const postings = await recentPostings(db, query);
      const now = new Date();
      return {
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ jobs: postings.map((posting) => presentJobSummary(posting, now)) }),
      };
    });
    sendCached(req, res, response);
  });

  router.get('/api/v1/jobs/:id', async (req, res) => {
    const posting = await db.postings.findById(req.params.id);
    if (!posting || posting.status !== 'active') throw new NotFoundError('Job');
    res.json({ job: presentJobDetail(posting, new Date()) });
  });

  return router;
}
