const UNIT_MS = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
  year: 365 * 86_400_000,
} as const;
const RELATIVE = /^(\d+)\+?\s*(minute|min|hour|hr|day|week|month|year)s?\s+ago$/i;
const UNIT_ALIASES: Record<string, keyof typeof UNIT_MS> = { min: 'minute', hr: 'hour' };

/**
 * A posting date from RFC 2822, ISO 8601, epoch seconds or milliseconds, or relative text ("3 days ago",
 * "30+ days ago", "today"). Dates after the fetch are clamped to it. Unreadable input gives null.
 */
export function parsePostingDate(raw: string | undefined, fetchedAt: Date): Date | null {
  const date = parseDate(raw, fetchedAt);
  if (!date) return null;
  return date.getTime() > fetchedAt.getTime() ? new Date(fetchedAt) : date;
}

/** The same readings without clamping, for end dates such as validThrough. */
export function parseDate(raw: string | undefined, now: Date): Date | null {
  const text = raw?.trim();
  if (!text) return null;
  if (/^\d{9,13}$/.test(text)) {
    const n = Number(text);
    return validDate(text.length >= 12 ? n : n * 1000);
  }
  const relative = parseRelative(text.toLowerCase(), now);
  if (relative) return relative;
  return validDate(Date.parse(text));
}

function parseRelative(text: string, now: Date): Date | null {
  if (text === 'today' || text === 'just posted' || text === 'just now') return new Date(now);
  if (text === 'yesterday') return new Date(now.getTime() - UNIT_MS.day);
  const match = RELATIVE.exec(text);
  if (!match) return null;
  const unit = UNIT_ALIASES[match[2]!] ?? (match[2] as keyof typeof UNIT_MS);
  return new Date(now.getTime() - Number(match[1]) * UNIT_MS[unit]);
}

function validDate(ms: number): Date | null {
  return Number.isFinite(ms) ? new Date(ms) : null;
}
