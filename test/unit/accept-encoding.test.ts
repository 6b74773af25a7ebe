import { preferredEncoding, type Encoding } from '../../src/api/accept-encoding';

const BOTH = new Set<Encoding>(['br', 'gzip']);

describe('preferredEncoding', () => {
  test.each([
    [undefined, undefined],
    ['', undefined],
    ['identity', undefined],
    ['deflate', undefined],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0.9, gzip;q=0.9', 'br'],
    ['gzip;q=0, br;q=0', undefined],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['gzip ; q=0.8 , br ; q = 0.7', 'gzip'],
  ])('Accept-Encoding %p picks %p', (header, expected) => {
    expect(preferredEncoding(header, BOTH)).toBe(expected);
  });

  test('only an available encoding is picked', () => {
    expect(preferredEncoding('br', new Set<Encoding>(['gzip']))).toBeUndefined();
    expect(preferredEncoding('br, gzip', new Set<Encoding>(['gzip']))).toBe('gzip');
    expect(preferredEncoding('br, gzip', new Set())).toBeUndefined();
  });
});
