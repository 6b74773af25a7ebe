import { escapeHtml, html, toHtmlString } from '../../src/web/html';
import { tokenMatches } from '../../src/auth/operator-token';

describe('admin page markup', () => {
  test('every interpolated value is escaped, in text and in attributes', () => {
    const name = `"><img src=x onerror=alert(1)>`;
    const page = toHtmlString(html`<a title="${name}">${name}</a><i>${`'\`&`}</i>`);

    expect(page).toBe(
      '<a title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</a>' +
        '<i>&#39;`&amp;</i>',
    );
  });

  test('nested markup and lists are kept, null and false leave nothing', () => {
    const items = ['<b>', 'ok'].map((item) => html`<li>${item}</li>`);
    const markup = toHtmlString(
      html`<ul>
          ${items}
        </ul>
        ${null}${false}${undefined}${0}`,
    );
    expect(markup.replace(/\s+/g, '')).toBe('<ul><li>&lt;b&gt;</li><li>ok</li></ul>0');
    expect(escapeHtml('a&b')).toBe('a&amp;b');
  });
});

describe('operator token', () => {
  const token = 'operator-token-0123456789';
  const basic = (value: string) => `Basic ${Buffer.from(value).toString('base64')}`;

  test.each([
    [`Bearer ${token}`, true],
    [`bearer   ${token}`, true],
    [basic(`anyone:${token}`), true],
    [basic(`:${token}`), true],
    [basic(`operator:${token}:extra`), false],
    [basic(token), false],
    [`Bearer ${token.toUpperCase()}`, false],
    ['Bearer', false],
    ['', false],
    [undefined, false],
  ])('%s -> %s', (header, expected) => {
    expect(tokenMatches(header, token)).toBe(expected);
  });
});
