/**
 * A mapping field built from other fields: "https://acme.example/job/{id}", "{city}, {country}". Each `{path}` is
 * a path (or selector) inside the posting, read like any mapped field.
 */

const PLACEHOLDER = /\{([^{}]*)\}/g;

export function isTemplate(spec: string): boolean {
  return spec.includes('{') || spec.includes('}');
}

/** Why a template is malformed, or undefined when it is not. */
export function templateProblem(spec: string): string | undefined {
  const rest = spec.replace(PLACEHOLDER, (_all, path: string) => (path.trim() ? '' : '\0'));
  if (rest.includes('\0')) return 'has an empty {} placeholder';
  if (rest.includes('{') || rest.includes('}')) return 'has a { without its } (or the reverse)';
  return undefined;
}

export function templatePaths(spec: string): string[] {
  return [...spec.matchAll(PLACEHOLDER)].map((match) => match[1]!.trim());
}

/**
 * The template with each placeholder's value, or undefined when one of them is empty: half a link is no link.
 * In a URL template (one starting with http://, https:// or /) values are percent-encoded as one path segment or
 * query value each, so an id such as "Sales/DE 12" cannot change the link's structure.
 */
export function fillTemplate(spec: string, read: (path: string) => string | undefined): string | undefined {
  const encode = /^(https?:\/\/|\/)/i.test(spec.trimStart()) ? encodeURIComponent : (value: string) => value;
  let missing = false;
  const filled = spec.replace(PLACEHOLDER, (_all, path: string) => {
    const value = read(path.trim())?.trim();
    if (!value) missing = true;
    return value ? encode(value) : '';
  });
  return missing ? undefined : filled;
}
