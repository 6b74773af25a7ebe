import { Parser } from 'htmlparser2';

/** Elements whose boundaries separate words: "<p>a</p><p>b</p>" reads "a b", not "ab". */
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
const DROPPED_ELEMENTS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'head',
]);
const LOOKS_LIKE_MARKUP = /<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>/i;
const LOOKS_LIKE_ENTITY = /&(?:#\d{1,7}|#x[\da-f]{1,6}|[a-z][a-z\d]{1,31});/i;
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Plain text from an HTML fragment: scripts dropped, entities decoded, one level of double escaping undone
 * ("&lt;p&gt;" markup, or "&amp;quot;" entities).
 */
export function htmlToText(html: string): string {
  let text = markupToText(html);
  if (LOOKS_LIKE_MARKUP.test(text) || LOOKS_LIKE_ENTITY.test(text)) text = markupToText(text);
  return cleanText(text);
}

/** Whitespace collapsed, invisible and control characters removed. */
export function cleanText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** One parser for every fragment (reset between uses): the streaming path converts two fragments per posting. */
let parts: string[] = [];
let dropDepth = 0;
const fragmentParser = new Parser(
  {
    onopentagname(name) {
      if (DROPPED_ELEMENTS.has(name)) dropDepth++;
      else if (BLOCK_ELEMENTS.has(name)) parts.push(' ');
    },
    onclosetag(name) {
      if (DROPPED_ELEMENTS.has(name)) dropDepth = Math.max(0, dropDepth - 1);
      if (DROPPED_ELEMENTS.has(name) || BLOCK_ELEMENTS.has(name)) parts.push(' ');
    },
    ontext(text) {
      if (dropDepth === 0) parts.push(text);
    },
  },
  { decodeEntities: true },
);

function markupToText(html: string): string {
  if (!/[<&]/.test(html)) return html;
  parts = [];
  dropDepth = 0;
  fragmentParser.reset();
  fragmentParser.end(html);
  const text = parts.join('');
  parts = [];
  return text;
}
