const SPECIAL = /[&<>"']/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
// Characters XML 1.0 forbids even escaped: most C0 controls, lone surrogates, U+FFFE and U+FFFF.
const NOT_XML = new RegExp(
  // eslint-disable-next-line no-control-regex -- these control characters are what it removes
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  'g',
);

/** Text for an HTML or XML text node or quoted attribute: markup characters escaped, forbidden characters dropped. */
export function escapeText(text: string): string {
  return text.replace(NOT_XML, '').replace(SPECIAL, (c) => ENTITIES[c]!);
}

/**
 * Text for an XML element that readers may render as HTML (RSS title and description): escaped as HTML, then that
 * HTML escaped as XML, so the parsed element holds `&lt;b&gt;`, which any HTML renderer shows as the text `<b>`.
 */
export function escapeTextAsHtmlInXml(text: string): string {
  return escapeText(escapeText(text));
}
