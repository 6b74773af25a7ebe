import { escapeText } from './escape';

const SAFE = Symbol('safe html');

/** Markup built by `html`; only this type is inserted without escaping. */
export interface SafeHtml {
  readonly [SAFE]: string;
}

/** Text for an HTML text node or quoted attribute. */
export const escapeHtml = escapeText;

/** A template whose every interpolated value is escaped, unless it is itself `html` (or a list of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += fragment(value) + strings[i + 1]!;
  });
  return { [SAFE]: out };
}

function fragment(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(fragment).join('');
  if (typeof value === 'object' && SAFE in value) return (value as SafeHtml)[SAFE];
  return escapeHtml(String(value));
}

export function toHtmlString(markup: SafeHtml): string {
  return markup[SAFE];
}

/** Markup written in our own code (a stylesheet constant), never text that came from outside. */
export function constantHtml(markup: string): SafeHtml {
  return { [SAFE]: markup };
}
