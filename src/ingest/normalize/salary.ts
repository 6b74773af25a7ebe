import type { Salary, SalaryPeriod } from '../../domain/posting';

const CURRENCY_SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' };
const CURRENCY_SYMBOL = /[$€£¥₹]/;
const CURRENCY_CODE = /\b(USD|EUR|GBP|CAD|AUD|CHF|JPY|INR|SEK|NOK|DKK|PLN|NZD|SGD)\b/i;
/** The period words, one group per period: the first word the salary text names decides. */
const PERIOD =
  /\b(?:(hour|hourly|hr)|(day|daily)|(week|weekly|wk)|(month|monthly|mo)|(year|yearly|annual|annually|annum|yr|pa))\b/i;
const PERIODS: SalaryPeriod[] = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR'];
/** Thousands grouped by ",", "." or a space ("1,234", "2.400", "45 000"); one or two decimals after "." or ",". */
const AMOUNT = /(\d{1,3}(?:[,.\s]\d{3})+(?!\d)|\d+)(?:[.,](\d{1,2})(?!\d))?\s*([kK])?/g;

/** {min, max, currency, period} from text such as "$50,000 - $70,000 per year" or "45-60k EUR"; null without a number. */
export function parseSalary(raw: string | undefined): Salary | null {
  const text = raw?.trim();
  if (!text || !/\d/.test(text)) return null;
  const amounts: number[] = [];
  for (const match of text.matchAll(AMOUNT)) {
    const whole = Number(match[1]!.replace(/[,.\s]/g, ''));
    const value = match[2] ? Number(`${whole}.${match[2]}`) : whole;
    amounts.push(match[3] ? value * 1000 : value);
  }
  if (amounts.length === 2 && amounts[0]! < 1000 && /\d\s*[kK]\b/.test(text)) amounts[0] = amounts[0]! * 1000;
  const code = CURRENCY_CODE.exec(text)?.[1]?.toUpperCase();
  const symbol = CURRENCY_SYMBOL.exec(text)?.[0];
  const [first, second = first] = amounts as [number, number?];
  return {
    min: Math.min(first, second),
    max: Math.max(first, second),
    currency: code ?? (symbol ? CURRENCY_SYMBOLS[symbol]! : null),
    period: periodOf(text),
  };
}

function periodOf(text: string): SalaryPeriod | null {
  const words = PERIOD.exec(text);
  if (!words) return null;
  const group = words.findIndex((word, index) => index > 0 && word !== undefined);
  return PERIODS[group - 1]!;
}
