import express, { Router } from 'express';
import { AppError } from '../../errors';
import { validate } from '../../validate';
import type { EventIntake } from '../event-intake';
import { eventBeaconBody } from '../schemas/events.schema';

/** A beacon of MAX_BEACON_IMPRESSIONS postings is about 4 KB. */
const MAX_BEACON_BYTES = '8kb';

/**
 * POST /api/v1/events: a widget's impressions. `navigator.sendBeacon` sends its JSON as text/plain (a simple
 * request: no CORS preflight, and the answer is not read), so text/plain is taken as JSON, like application/json.
 * Counting writes Redis only; the minute roll-up moves the counts to MongoDB.
 */
export function eventsRouter(intake: EventIntake): Router {
  const router = Router();
  router.post(
    '/api/v1/events',
    express.text({ type: ['text/plain', 'application/json'], limit: MAX_BEACON_BYTES }),
    async (req, res) => {
      const beacon = validate(eventBeaconBody, parseJson(req.body));
      const summary = await intake
        .record(req, {
          kind: 'impression',
          placementId: beacon.placement,
          host: beacon.host,
          events: beacon.impressions.map(({ posting, ranking }) => ({ postingId: posting, ranking })),
        })
        .catch((error: unknown) => {
          req.log.warn({ err: error }, 'events not counted');
          throw new AppError('events_unavailable', 'Events cannot be counted right now', {
            status: 503,
            cause: error,
          });
        });
      res.status(202).json(summary);
    },
  );
  return router;
}

function parseJson(body: unknown): unknown {
  if (typeof body !== 'string') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON', { status: 400 });
  }
}
