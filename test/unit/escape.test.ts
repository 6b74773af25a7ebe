import { escapeText, escapeTextAsHtmlInXml } from '../../src/web/escape';

describe('escapeText', () => {
  test('escapes the five markup characters', () => {
    expect(escapeText(`<img src=x onerror="a('b')"> & more`)).toBe(
      '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; more',
    );
  });

  test('drops characters XML 1.0 forbids and keeps everything else, emoji included', () => {
    expect(escapeText('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf')).toBe('abcdef');
    expect(escapeText('tab\tnew\nline\r')).toBe('tab\tnew\nline\r');
    expect(escapeText('lone \uD800 and \uDC00 surrogates, paired 😀')).toBe(
      'lone  and  surrogates, paired 😀',
    );
  });
});

describe('escapeTextAsHtmlInXml', () => {
  test('escapes twice: an XML parser yields HTML whose text is the original', () => {
    expect(escapeTextAsHtmlInXml('<img src=x> & ]]>')).toBe('&amp;lt;img src=x&amp;gt; &amp;amp; ]]&amp;gt;');
  });
});
