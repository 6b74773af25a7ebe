import { TRACKING_PARAMETERS_NOTE } from '../../domain/list-filters.schema';
import { PAGES_STYLESHEET } from '../../web/pages-stylesheet';
import { createFeedBody, noQuery, previewFeedBody, updateFeedBody } from '../../feeds/feed-input.schema';
import { feedHealthQuery, feedRunsParams } from '../schemas/admin.schema';
import { embedPageQuery } from '../schemas/embed-page.schema';
import { recentJobsQuery } from '../schemas/recent-jobs.schema';
import {
  errorResponse,
  feedListResponse,
  feedResponse,
  feedWithRunsResponse,
  healthResponse,
  jobResponse,
  jsonFeedResponse,
  openApiResponse,
  previewResponse,
  readinessResponse,
  recentJobsResponse,
  runQueuedResponse,
} from '../schemas/responses.schema';
import {
  createPlacementBody,
  placementJobsQuery,
  updatePlacementBody,
} from '../../placements/placement-input.schema';
import {
  placementJobsResponse,
  placementListResponse,
  placementResponse,
} from '../schemas/placement-responses.schema';
import { feedStatsResponse, placementStatsResponse } from '../schemas/stats-responses.schema';
import { statsQuery } from '../../stats/stats-query.schema';
import { clickQuery, eventBeaconBody, eventSummaryResponse } from '../schemas/events.schema';
import type { Header, Paths, Reply } from './build-openapi';

/**
 * Every route the API app serves, what it takes and every answer it really sends. The contract test lists the
 * app's routes from its Express routers and fails on any route missing here, and checks real answers against it.
 *
 * Left out on purpose: bull-board's own JSON API and assets under /admin/queues/ (its internals, behind
 * ADMIN_TOKEN, versioned with @bull-board, not a jobfeed contract), the demo's article page (only `jobfeed demo`
 * serves it), the automatic HEAD of every GET, and the CORS preflight (OPTIONS, 204) of the public read routes.
 */

const RETRY_AFTER: Record<string, Header> = {
  'Retry-After': { description: 'Seconds to wait before trying again', type: 'integer' },
};
const ETAG: Record<string, Header> = {
  ETag: { description: 'Send it back as If-None-Match to get a 304 while the content is the same' },
};
const CHALLENGE = (scheme: string): Record<string, Header> => ({
  'WWW-Authenticate': { description: `The ${scheme} challenge` },
});

const error = (description: string, headers?: Record<string, Header>): Reply => ({
  description,
  schema: errorResponse,
  headers,
});

const badQuery = error('A bad or unknown query parameter, named in error.fields');
const notModified: Reply = {
  description: 'Not modified: the ETag named in If-None-Match is current',
  headers: ETAG,
};

/** The public read routes: the recent list's filters, cached with an ETag. */
const listing = (description: string, ok: Omit<Reply, 'headers'>) => ({
  query: recentJobsQuery,
  conditional: true,
  responses: { 200: { ...ok, headers: ETAG }, 304: notModified, 400: badQuery },
  description: `${description} ${TRACKING_PARAMETERS_NOTE}`,
});

const recruiterErrors = {
  400: error('A bad field, an unknown query parameter or a body that is not JSON, named in error.fields'),
  401: error('Missing, unknown or revoked API key', CHALLENGE('Bearer')),
  429: error(
    'Too many requests for this API key, or too many failed authentications from this address',
    RETRY_AFTER,
  ),
};
const notYourFeed = { 404: error('No such feed of yours (another recruiter’s feed is a 404 too)') };
const tooLarge = { 413: error('The body is over 100 KB') };
const publisherErrors = {
  ...recruiterErrors,
  401: error(
    'Missing, unknown or revoked publisher API key (a recruiter key is refused)',
    CHALLENGE('Bearer'),
  ),
};
const notYourPlacement = {
  404: error('No such placement of yours (another publisher’s placement is a 404 too)'),
};
const placementId = { id: { description: 'The placement id' } };

const STATS_RANGE =
  '`from` and `to` are UTC days (YYYY-MM-DD), both included: by default the 30 days through today, at most 366. ' +
  'Sent with `Cache-Control: private, no-store`: the counts change with each minute’s roll-up.';
const badRange = error(
  'A bad date, `from` after `to`, a range over 366 days or an unknown parameter, named in error.fields',
);

const operatorErrors = {
  401: error('Missing or wrong ADMIN_TOKEN (bearer, or the password of HTTP Basic)', CHALLENGE('Basic')),
  404: error('ADMIN_TOKEN is not set: the operator pages are off'),
  429: error('Too many failed authentications from this address', RETRY_AFTER),
};

const html = (description: string, headers?: Record<string, Header>): Reply => ({
  description,
  media: 'text/html',
  headers,
});

export const OPERATIONS: Paths = {
  '/api/v1/jobs/recent': {
    get: {
      operationId: 'listRecentJobs',
      summary: 'Recent postings, newest first, each job once, expired ones excluded',
      tags: ['jobs'],
      access: 'public',
      ...listing('`context` ranks by overlap with the host page’s keywords instead of recency.', {
        description: 'The recent jobs',
        schema: recentJobsResponse,
      }),
    },
  },
  '/api/v1/jobs/{id}': {
    get: {
      operationId: 'getJob',
      summary: 'One posting',
      tags: ['jobs'],
      access: 'public',
      pathParams: { id: { description: 'The posting id' } },
      responses: {
        200: { description: 'The posting', schema: jobResponse },
        404: error('Unknown or expired posting'),
      },
    },
  },
  '/widget.js': {
    get: {
      operationId: 'getWidgetScript',
      summary: 'The embeddable Recent Posts widget',
      description:
        'Reads `data-*` attributes of `[data-jobfeed]` elements and calls GET /api/v1/placements/{id}/jobs (`data-jobfeed="PLACEMENT_ID"`) or GET /api/v1/jobs/recent; reports impressions to POST /api/v1/events.',
      tags: ['sites'],
      access: 'public',
      conditional: true,
      responses: {
        200: { description: 'The widget script', media: 'text/javascript', headers: ETAG },
        304: notModified,
      },
    },
  },
  '/embed/recent': {
    get: {
      operationId: 'getEmbedPage',
      summary: 'The recent list or a placement’s list as a server-rendered page, for iframes',
      tags: ['sites'],
      access: 'public',
      description:
        'The same filters as GET /api/v1/jobs/recent; with `placement`, they narrow that placement’s list as on GET /api/v1/placements/{id}/jobs (unknown placement: 404). `theme` and `locale` replace the placement’s (default auto and en). The page posts `{ type: "jobfeed:height", height }` to its parent.',
      conditional: true,
      query: embedPageQuery,
      responses: {
        200: { description: 'The page', media: 'text/html', headers: ETAG },
        304: notModified,
        400: badQuery,
        404: error('Unknown placement'),
      },
    },
  },
  '/embed/embed.js': {
    get: {
      operationId: 'getEmbedScript',
      summary: 'The embed page’s own script: its height for the parent page, impressions and click dwell',
      tags: ['sites'],
      access: 'public',
      conditional: true,
      responses: {
        200: { description: 'The script', media: 'text/javascript', headers: ETAG },
        304: notModified,
      },
    },
  },
  '/feeds/recent.rss': {
    get: {
      operationId: 'getRecentRss',
      summary: 'The recent list as RSS 2.0',
      tags: ['sites'],
      access: 'public',
      ...listing('The same filters as GET /api/v1/jobs/recent.', {
        description: 'An RSS 2.0 channel',
        media: 'application/rss+xml',
      }),
    },
  },
  '/feeds/recent.json': {
    get: {
      operationId: 'getRecentJsonFeed',
      summary: 'The recent list as JSON Feed 1.1',
      tags: ['sites'],
      access: 'public',
      ...listing('The same filters as GET /api/v1/jobs/recent.', {
        description: 'A JSON Feed',
        media: 'application/feed+json',
        schema: jsonFeedResponse,
      }),
    },
  },
  '/r/{id}': {
    get: {
      operationId: 'followJobLink',
      summary: 'Counts a click on a posting and redirects to it',
      description:
        'A click is counted once per visitor, placement, posting and day (README "Impressions, clicks and privacy"); HEAD, prefetches, bots, bursts, foreign pages and, with `p`, clicks sooner than `MIN_CLICK_DWELL_MS` after the list was shown are not counted. A bad `p`, `ranking` or `dwell` never refuses the redirect: the click is just not counted.',
      tags: ['sites'],
      access: 'public',
      pathParams: { id: { description: 'The posting id' } },
      query: clickQuery,
      responses: {
        302: {
          description:
            'To the posting’s url, with a one-line note naming it (HTML when the client asks for it)',
          media: ['text/plain', 'text/html'],
          headers: { Location: { description: 'The posting’s url' } },
        },
        404: error('Unknown posting'),
        410: html('The posting is expired or past its validThrough: a page linking to the listing'),
      },
    },
  },
  '/api/v1/events': {
    post: {
      operationId: 'recordImpressions',
      summary:
        'A widget’s impressions: the postings at least half visible for one second, one beacon per page view',
      description:
        'Sent by `navigator.sendBeacon` as text/plain JSON (no CORS preflight); application/json is taken too. Each impression is counted once per visitor, placement, posting and day; the summary says how many were counted and why the others were not. Counting writes Redis only; the counts reach MongoDB (`event_counts`) within about a minute.',
      tags: ['sites'],
      access: 'public',
      body: eventBeaconBody,
      bodyMedia: ['text/plain', 'application/json'],
      responses: {
        202: {
          description: 'Taken: what was counted and what was rejected, by reason',
          schema: eventSummaryResponse,
        },
        400: error('The body is not JSON, or a field is bad (named in error.fields)'),
        413: error('The body is over 8 KB'),
        503: error('Redis is not reachable: nothing was counted'),
      },
    },
  },
  '/api/v1/feeds/preview': {
    post: {
      operationId: 'previewFeed',
      summary: 'Fetch and normalize a feed without saving it: what would be listed and what to fix',
      tags: ['feeds'],
      access: 'recruiter',
      query: noQuery,
      body: previewFeedBody,
      responses: {
        200: { description: 'The validation report', schema: previewResponse },
        ...recruiterErrors,
        ...tooLarge,
        422: error(
          'The URL cannot be fetched, is not a job feed (with error.suggestedMapping for XML and JSON), has no valid posting, or ran out of the preview time or memory budget',
        ),
        429: error(
          'Too many requests or previews for this API key, too many failed authentications from this address, or PREVIEW_CONCURRENCY previews already running',
          RETRY_AFTER,
        ),
      },
    },
  },
  '/api/v1/feeds': {
    get: {
      operationId: 'listFeeds',
      summary: 'Your feeds with their health',
      tags: ['feeds'],
      access: 'recruiter',
      query: noQuery,
      responses: { 200: { description: 'Your feeds', schema: feedListResponse }, ...recruiterErrors },
    },
    post: {
      operationId: 'createFeed',
      summary: 'Add a feed; its first poll is queued at once',
      tags: ['feeds'],
      access: 'recruiter',
      query: noQuery,
      body: createFeedBody,
      responses: {
        201: {
          description: 'The new feed',
          schema: feedResponse,
          headers: { Location: { description: 'The feed’s address, /api/v1/feeds/{id}' } },
        },
        ...recruiterErrors,
        409: error('This URL is already registered for you (feed_exists)'),
        ...tooLarge,
      },
    },
  },
  '/api/v1/feeds/{id}': {
    get: {
      operationId: 'getFeed',
      summary: 'One of your feeds with its last runs',
      tags: ['feeds'],
      access: 'recruiter',
      pathParams: { id: { description: 'The feed id' } },
      query: noQuery,
      responses: {
        200: { description: 'The feed', schema: feedWithRunsResponse },
        ...recruiterErrors,
        ...notYourFeed,
      },
    },
    patch: {
      operationId: 'updateFeed',
      summary: 'Change name, intervalMinutes, mapping, company or paused',
      tags: ['feeds'],
      access: 'recruiter',
      pathParams: { id: { description: 'The feed id' } },
      query: noQuery,
      body: updateFeedBody,
      responses: {
        200: { description: 'The changed feed', schema: feedResponse },
        ...recruiterErrors,
        ...notYourFeed,
        ...tooLarge,
      },
    },
    delete: {
      operationId: 'deleteFeed',
      summary: 'Delete a feed: its polls stop and its postings leave the listings (they are deleted)',
      tags: ['feeds'],
      access: 'recruiter',
      pathParams: { id: { description: 'The feed id' } },
      query: noQuery,
      responses: { 204: { description: 'Deleted' }, ...recruiterErrors, ...notYourFeed },
    },
  },
  '/api/v1/feeds/{id}/run': {
    post: {
      operationId: 'runFeed',
      summary: 'Poll the feed now; at most once a minute per feed',
      tags: ['feeds'],
      access: 'recruiter',
      pathParams: { id: { description: 'The feed id' } },
      query: noQuery,
      responses: {
        202: { description: 'The poll is queued', schema: runQueuedResponse },
        ...recruiterErrors,
        ...notYourFeed,
        409: error('The feed is paused'),
        429: error(
          'Polled less than a minute ago, too many requests for this API key, or too many failed authentications from this address',
          RETRY_AFTER,
        ),
      },
    },
  },
  '/api/v1/placements': {
    get: {
      operationId: 'listPlacements',
      summary: 'Your placements',
      tags: ['placements'],
      access: 'publisher',
      query: noQuery,
      responses: {
        200: { description: 'Your placements', schema: placementListResponse },
        ...publisherErrors,
      },
    },
    post: {
      operationId: 'createPlacement',
      summary: 'Add a placement: which postings a list on your site shows, how many, and how it looks',
      tags: ['placements'],
      access: 'publisher',
      query: noQuery,
      body: createPlacementBody,
      responses: {
        201: {
          description: 'The new placement',
          schema: placementResponse,
          headers: { Location: { description: 'The placement’s address, /api/v1/placements/{id}' } },
        },
        ...publisherErrors,
        ...tooLarge,
      },
    },
  },
  '/api/v1/placements/{id}': {
    get: {
      operationId: 'getPlacement',
      summary: 'One of your placements',
      tags: ['placements'],
      access: 'publisher',
      pathParams: placementId,
      query: noQuery,
      responses: {
        200: { description: 'The placement', schema: placementResponse },
        ...publisherErrors,
        ...notYourPlacement,
      },
    },
    patch: {
      operationId: 'updatePlacement',
      summary: 'Change a placement; each field of filters given replaces that filter (null or [] clears it)',
      tags: ['placements'],
      access: 'publisher',
      pathParams: placementId,
      query: noQuery,
      body: updatePlacementBody,
      responses: {
        200: { description: 'The changed placement', schema: placementResponse },
        ...publisherErrors,
        ...notYourPlacement,
        ...tooLarge,
      },
    },
    delete: {
      operationId: 'deletePlacement',
      summary: 'Delete a placement: its list answers 404 from then on',
      tags: ['placements'],
      access: 'publisher',
      pathParams: placementId,
      query: noQuery,
      responses: { 204: { description: 'Deleted' }, ...publisherErrors, ...notYourPlacement },
    },
  },
  '/api/v1/placements/{id}/jobs': {
    get: {
      operationId: 'listPlacementJobs',
      summary: 'A placement’s list, with its filters, limit, heading, locale and theme applied',
      description:
        'Cached like the recent list. Parameters narrow the placement’s list and never widen it: a lower limit, more words, or one of its companies, countries or categories (one it does not keep gives an empty list). `context` ranks only for a placement whose context is "meta". ' +
        TRACKING_PARAMETERS_NOTE,
      tags: ['placements'],
      access: 'public',
      pathParams: placementId,
      query: placementJobsQuery,
      conditional: true,
      responses: {
        200: { description: 'The placement’s list', schema: placementJobsResponse, headers: ETAG },
        304: notModified,
        400: badQuery,
        404: error('Unknown placement'),
      },
    },
  },
  '/api/v1/placements/{id}/stats': {
    get: {
      operationId: 'getPlacementStats',
      summary: 'A placement’s impressions, clicks and CTR: per day, by ranking, and its top postings',
      description: STATS_RANGE,
      tags: ['placements'],
      access: 'publisher',
      pathParams: placementId,
      query: statsQuery(new Date()),
      responses: {
        200: { description: 'The placement’s stats', schema: placementStatsResponse },
        ...publisherErrors,
        400: badRange,
        ...notYourPlacement,
      },
    },
  },
  '/api/v1/feeds/{id}/stats': {
    get: {
      operationId: 'getFeedStats',
      summary: 'A feed’s impressions, clicks and CTR: per day, by ranking, per posting and per placement',
      description: STATS_RANGE,
      tags: ['feeds'],
      access: 'recruiter',
      pathParams: { id: { description: 'The feed id' } },
      query: statsQuery(new Date()),
      responses: {
        200: { description: 'The feed’s stats', schema: feedStatsResponse },
        ...recruiterErrors,
        400: badRange,
        ...notYourFeed,
      },
    },
  },
  '/recruiters': {
    get: {
      operationId: 'getRecruiterPage',
      summary: 'The recruiter page: paste the API key, preview, add, see feed health',
      tags: ['recruiter page'],
      access: 'public',
      responses: { 200: html('The page; it calls the recruiter API with the key pasted into it') },
    },
  },
  '/recruiters/recruiters.js': {
    get: {
      operationId: 'getRecruiterPageScript',
      summary: 'The recruiter page’s script',
      tags: ['recruiter page'],
      access: 'public',
      responses: { 200: { description: 'The script', media: 'text/javascript' } },
    },
  },
  '/publishers': {
    get: {
      operationId: 'getPublisherPage',
      summary: 'The publisher page: paste the API key, see placements, their embed snippets and their stats',
      tags: ['publisher page'],
      access: 'public',
      responses: { 200: html('The page; it calls the publisher API with the key pasted into it') },
    },
  },
  '/publishers/publishers.js': {
    get: {
      operationId: 'getPublisherPageScript',
      summary: 'The publisher page’s script',
      tags: ['publisher page'],
      access: 'public',
      responses: { 200: { description: 'The script', media: 'text/javascript' } },
    },
  },
  '/pages/account-page.js': {
    get: {
      operationId: 'getAccountPageScript',
      summary: 'The script the recruiter and publisher pages share: the API key, API calls, the error lines',
      tags: ['recruiter page', 'publisher page'],
      access: 'public',
      responses: { 200: { description: 'The script', media: 'text/javascript' } },
    },
  },
  '/pages/stats-view.js': {
    get: {
      operationId: 'getStatsViewScript',
      summary: 'The stats chart (inline SVG) and tables the recruiter and publisher pages share',
      tags: ['recruiter page', 'publisher page'],
      access: 'public',
      responses: { 200: { description: 'The script', media: 'text/javascript' } },
    },
  },
  [PAGES_STYLESHEET.path]: {
    get: {
      operationId: 'getPagesStylesheet',
      summary: 'The stylesheet of the recruiter and operator pages (its path carries a hash of its content)',
      tags: ['recruiter page'],
      access: 'public',
      responses: { 200: { description: 'The stylesheet, cacheable for good', media: 'text/css' } },
    },
  },
  '/api/openapi.json': {
    get: {
      operationId: 'getOpenApiDocument',
      summary: 'This document',
      tags: ['operations'],
      access: 'public',
      responses: { 200: { description: 'OpenAPI 3.1', schema: openApiResponse } },
    },
  },
  '/': {
    get: {
      operationId: 'getHomePage',
      summary: 'A small page linking to the demo, the recruiter page and this document',
      tags: ['operations'],
      access: 'public',
      responses: { 200: { description: 'The home page', media: 'text/html' } },
    },
  },
  '/healthz': {
    get: {
      operationId: 'getHealth',
      summary: 'Liveness',
      tags: ['operations'],
      access: 'public',
      responses: { 200: { description: 'The process is alive', schema: healthResponse } },
    },
  },
  '/readyz': {
    get: {
      operationId: 'getReadiness',
      summary: 'Readiness: MongoDB and Redis answer within 2 s',
      tags: ['operations'],
      access: 'public',
      responses: {
        200: { description: 'Ready', schema: readinessResponse },
        503: {
          description: 'Not ready: error names the dependency that did not answer',
          schema: readinessResponse,
        },
      },
    },
  },
  '/metrics': {
    get: {
      operationId: 'getMetrics',
      summary: 'Prometheus metrics',
      description:
        'Open without METRICS_TOKEN; with it, the token as a bearer token or the password of HTTP Basic.',
      tags: ['operations'],
      access: 'metrics',
      responses: {
        200: { description: 'Prometheus text exposition format 0.0.4', media: 'text/plain; version=0.0.4' },
        401: error('METRICS_TOKEN is set and was not sent, or is wrong', CHALLENGE('Basic')),
      },
    },
  },
  '/admin': {
    get: {
      operationId: 'getFeedHealthPage',
      summary: 'Operators: every feed’s health',
      tags: ['admin'],
      access: 'operator',
      query: feedHealthQuery,
      responses: { 200: html('The feed health page'), 400: badQuery, ...operatorErrors },
    },
  },
  '/admin/feeds/{id}': {
    get: {
      operationId: 'getFeedRunsPage',
      summary: 'Operators: one feed’s recent runs',
      tags: ['admin'],
      access: 'operator',
      pathParams: { id: { description: 'The feed id', schema: feedRunsParams.shape.id } },
      responses: {
        200: html('The feed’s runs page'),
        400: error('The id is not a feed id'),
        ...operatorErrors,
        404: error('No such feed, or ADMIN_TOKEN is not set'),
      },
    },
  },
  '/admin/queues': {
    get: {
      operationId: 'getQueueDashboard',
      summary: 'Operators: the BullMQ dashboard (bull-board)',
      description:
        'Its own JSON API and assets under /admin/queues/ belong to bull-board and are not described here.',
      tags: ['admin'],
      access: 'operator',
      responses: { 200: html('The dashboard'), ...operatorErrors },
    },
  },
};
