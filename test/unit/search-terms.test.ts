import { companyKey, searchTerms } from '../../src/data/search-terms';

describe('search terms of a posting and of ?q=', () => {
  test('words lower-cased, without the punctuation around them, and the letter runs inside them', () => {
    expect(searchTerms('C++ (Senior)', 'Node.js Engineer, Berlin.')).toEqual([
      'c++',
      'c',
      'senior',
      'node.js',
      'node',
      'js',
      'engineer',
      'berlin',
    ]);
  });

  test('a token of symbols only is a term of its own, so q=.* matches it literally', () => {
    expect(searchTerms('Regex characters .* must match')).toContain('.*');
    expect(searchTerms('.*')).toEqual(['.*']);
  });

  test('company keys ignore case and surrounding space; an empty company has none', () => {
    expect(companyKey('  Han Staffing ')).toBe('han staffing');
    expect(companyKey('   ')).toBeNull();
    expect(companyKey(null)).toBeNull();
  });
});
