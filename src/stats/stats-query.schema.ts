import { z } from 'zod';
import { daysOf, type DayRange } from '../data/event-stats.repository';

/** The longest range one stats request reads: a year, leap day included. */
export const MAX_STATS_DAYS = 366;
/** Without `from`: this many UTC days up to `to`, `to` included. */
export const DEFAULT_STATS_DAYS = 30;

const DAY_MS = 86_400_000;
const DAY = 'must be a date YYYY-MM-DD';
const day = z.iso.date({ error: DAY });
const shift = (value: string, days: number) =>
  new Date(Date.parse(`${value}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD`, UTC days, both included. Without `to`: today; without `from`: the
 * DEFAULT_STATS_DAYS days up to `to`.
 */
export function statsQuery(now: Date) {
  return z.strictObject({ from: day.optional(), to: day.optional() }).transform((query, ctx): DayRange => {
    const to = query.to ?? now.toISOString().slice(0, 10);
    const from = query.from ?? shift(to, 1 - DEFAULT_STATS_DAYS);
    if (from > to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
    else if (daysOf({ from, to }).length > MAX_STATS_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: `must be at most ${MAX_STATS_DAYS} days before to, both included`,
      });
    return { from, to };
  });
}
