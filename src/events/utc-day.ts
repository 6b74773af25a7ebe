/** The UTC day of an instant, YYYY-MM-DD: the day events are counted on. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The first instant after the UTC day of `at`, in Unix seconds (for EXPIREAT). */
export function endOfUtcDaySeconds(at: Date): number {
  const next = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1);
  return next / 1000;
}
