const HOUR_MS = 3_600_000;
export const MAX_POLL_DELAY_MS = 24 * HOUR_MS;

/**
 * How long a failing feed waits before its next poll: its interval, doubled for each failure past the threshold,
 * up to a day. A permanent failure (404, not a feed) counts as having reached the threshold.
 */
export function failingPollDelayMs(
  feed: { intervalMinutes: number },
  failures: number,
  failingAfter: number,
): number {
  const doublings = Math.max(1, failures - failingAfter + 1);
  const delay = feed.intervalMinutes * 60_000 * 2 ** Math.min(doublings, 20);
  return Math.min(delay, Math.max(MAX_POLL_DELAY_MS, feed.intervalMinutes * 60_000));
}

/**
 * When a feed whose poll just failed (`consecutiveFailures` counting it) polls next: null while it is under
 * `failingAfter` failures in a row and keeps its schedule; else it is failing and backs off from `at`, never to
 * earlier than the poll already planned.
 */
export function failingNextRunAt(
  feed: { intervalMinutes: number; consecutiveFailures: number; nextRunAt: Date },
  at: Date,
  policy: { permanent: boolean; failingAfter: number },
): Date | null {
  const failures = policy.permanent
    ? Math.max(feed.consecutiveFailures, policy.failingAfter)
    : feed.consecutiveFailures;
  if (failures < policy.failingAfter) return null;
  const backedOff = new Date(at.getTime() + failingPollDelayMs(feed, failures, policy.failingAfter));
  return backedOff > feed.nextRunAt ? backedOff : feed.nextRunAt;
}
