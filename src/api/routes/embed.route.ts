import { Router } from 'express';
import type { Database } from '../../data/database';
import { PLACEMENT_DEFAULT_LIMIT } from '../../domain/placement';
import { listLocale } from '../../domain/list-strings';
import { resolvePlacementList } from '../../placements/placement-use-cases';
import { validate } from '../../validate';
import { normalizedKey, sendCached, type ReadCache } from '../read-cache';
import { recentPostings } from '../recent-postings';
import { EMBED_CSP, renderEmbedPage, type EmbedList } from '../renderers/embed-page';
import { embedPageQuery, type EmbedPageQuery } from '../schemas/embed-page.schema';

/** The anonymous recent list, or a placement's narrowed by the query, in the query's theme and locale if given. */
async function embedList(db: Database, query: EmbedPageQuery): Promise<EmbedList> {
  const { placement: id, theme, locale, limit, ...filters } = query;
  const about = [query.q, query.company].filter((text): text is string => Boolean(text));
  if (!id) {
    const filter = { ...filters, limit: limit ?? PLACEMENT_DEFAULT_LIMIT };
    return {
      postings: await recentPostings(db, filter),
      placementId: null,
      limit: filter.limit,
      heading: null,
      about,
      ranking: filter.context ? 'context' : 'recency',
      theme: theme ?? 'auto',
      locale: listLocale(locale),
    };
  }
  const { placement, filter } = await resolvePlacementList({ db }, id, { ...filters, limit });
  return {
    postings: filter ? await recentPostings(db, filter) : [],
    placementId: String(placement._id),
    limit: Math.min(placement.limit, limit ?? placement.limit),
    heading: placement.heading,
    about,
    ranking: filter?.context ? 'context' : 'recency',
    theme: theme ?? placement.theme,
    locale: listLocale(locale ?? placement.locale),
  };
}

/** GET /embed/recent: a list as a server-rendered page, for iframes; the same filters as the API. */
export function embedRouter(db: Database, readCache: ReadCache): Router {
  const router = Router();
  router.get('/embed/recent', async (req, res) => {
    const query = validate(embedPageQuery, req.query);
    const response = await readCache.get(normalizedKey('embed', query), req.originalUrl, async () => ({
      contentType: 'text/html; charset=utf-8',
      body: renderEmbedPage(await embedList(db, query), new Date()),
      headers: {
        'content-security-policy': EMBED_CSP,
        'referrer-policy': 'strict-origin-when-cross-origin',
        // helmet's default forbids framing by other sites, which is this page's whole purpose.
        'x-frame-options': null,
      },
    }));
    sendCached(req, res, response);
  });
  return router;
}
