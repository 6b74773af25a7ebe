import type { Salary, SalaryPeriod } from '../posting';

const CURRENCY_SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' };
const PERIODS: [RegExp, SalaryPeriod][] = [
  [/\b(hour|hourly|hr)\b/i, 'HOUR'],
  [/\b(day|daily)\b/i, 'DAY'],
  [/\b(week|weekly|wk)\b/i, 'WEEK'],
  [/\b(month|monthly|mo)\b/i, 'MONTH'],
  [/\b(year|yearly|annual|annually|annum|yr|pa)\b/i, 'YEAR'],
];
/** Thousands grouped by ",", "." or a space ("1,234", "2.400", "45 000"); one or two decimals after "." or ",". */
const AMOUNT = /(\d{1,3}(?:[,.\s]\d{3})+(?!\d)|\d+)(?:[.,](\d{1,2})(?!\d))?\s*([kK])?/g;

/** {min, max, currency, period} from text such as "$50,000 - $70,000 per year" or "45-60k EUR"; null without a number. */
export function parseSalary(raw: string | undefined): Salary | null {
  const text = raw?.trim();
  if (!text) return null;
  const amounts = [...text.matchAll(AMOUNT)].map((m) => {
    const whole = Number(m[1]!.replace(/[,.\s]/g, ''));
    const value = m[2] ? Number(`${whole}.${m[2]}`) : whole;
    return m[3] ? value * 1000 : value;
  });
  if (amounts.length === 0) return null;
  if (/\d\s*[kK]\b/.test(text) && amounts.length === 2 && amounts[0]! < 1000) amounts[0] = amounts[0]! * 1000;
  const code = /\b(USD|EUR|GBP|CAD|AUD|CHF|JPY|INR|SEK|NOK|DKK|PLN|NZD|SGD)\b/i
    .exec(text)?.[1]
    ?.toUpperCase();
  const symbol = Object.keys(CURRENCY_SYMBOLS).find((s) => text.includes(s));
  return {
    min: Math.min(...amounts.slice(0, 2)),
    max: Math.max(...amounts.slice(0, 2)),
    currency: code ?? (symbol ? CURRENCY_SYMBOLS[symbol]! : null),
    period: PERIODS.find(([pattern]) => pattern.test(text))?.[1] ?? null,
  };
}
