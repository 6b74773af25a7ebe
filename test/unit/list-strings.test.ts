import { listLocale, listStrings } from '../../src/domain/list-strings';

describe('the words of the widget and the embed page', () => {
  test('a regional locale reads its language’s strings', () => {
    expect(listStrings(listLocale('de-CH')).heading).toBe('Aktuelle Jobs');
    expect(listStrings(listLocale('PT-br')).empty).toBe('Nenhuma vaga aberta no momento. Volte em breve.');
  });

  test('a tag Intl refuses is English, and so is a language not in the table', () => {
    expect(listLocale('en_US')).toBe('en');
    expect(listLocale('')).toBe('en');
    expect(listStrings(listLocale('ja')).error).toBe('Job listings are unavailable at the moment.');
    expect(listLocale('ja')).toBe('ja');
  });
});
