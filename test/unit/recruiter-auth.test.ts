import type { NextFunction, Request, Response } from 'express';
import { generateApiKey, hashApiKey, looksLikeApiKey } from '../../src/auth/api-key';
import { rejectOperatorKeys } from '../../src/api/middleware/reject-operators';
import { ValidationError } from '../../src/errors';

describe('API keys', () => {
  test('are 256 random bits behind "jf_", kept as a SHA-256 hash with an 11-character visible prefix', () => {
    const first = generateApiKey();
    const second = generateApiKey();
    expect(first.apiKey).toMatch(/^jf_[A-Za-z0-9_-]{43}$/);
    expect(first.apiKey).not.toBe(second.apiKey);
    expect(first.keyPrefix).toBe(first.apiKey.slice(0, 11));
    expect(first.keyHash).toBe(hashApiKey(first.apiKey));
    expect(first.keyHash).toMatch(/^[a-f\d]{64}$/);
    expect(first.keyHash).not.toContain(first.apiKey.slice(3));
  });

  test('text that is not shaped like a key is refused before any lookup', () => {
    expect(looksLikeApiKey(generateApiKey().apiKey)).toBe(true);
    for (const value of [
      '',
      'jf_short',
      `xx_${'a'.repeat(43)}`,
      `jf_${'a'.repeat(42)}!`,
      `jf_${'a'.repeat(44)}`,
    ])
      expect(looksLikeApiKey(value)).toBe(false);
  });
});

describe('publisher API keys', () => {
  test('are "jfp_" keys with a 12-character visible prefix, and neither kind passes for the other', () => {
    const publisher = generateApiKey('publisher');
    const recruiter = generateApiKey('recruiter');
    expect(publisher.apiKey).toMatch(/^jfp_[A-Za-z0-9_-]{43}$/);
    expect(publisher.keyPrefix).toBe(publisher.apiKey.slice(0, 12));
    expect(publisher.keyHash).toBe(hashApiKey(publisher.apiKey));
    expect(looksLikeApiKey(publisher.apiKey, 'publisher')).toBe(true);
    expect(looksLikeApiKey(publisher.apiKey, 'recruiter')).toBe(false);
    expect(looksLikeApiKey(recruiter.apiKey, 'publisher')).toBe(false);
  });
});

describe('rejectOperatorKeys', () => {
  const run = (query: unknown, body: unknown) => {
    let passed = false;
    const next: NextFunction = () => {
      passed = true;
    };
    try {
      rejectOperatorKeys({ query, body } as Request, {} as Response, next);
    } catch (error) {
      if (error instanceof ValidationError) return error.fields.map((f) => f.field);
      throw error;
    }
    return passed ? 'passed' : 'stopped';
  };

  test('names every operator-like key, however deep, in arrays too', () => {
    expect(run({ 'company[$ne]': 'x', q: 'ok' }, { a: { b: [{ $gt: 1 }, 'x'] }, $where: 'f()' })).toEqual([
      'company[$ne]',
      'a.b[0].$gt',
      '$where',
    ]);
  });

  test('lets ordinary keys and "$" inside values through', () => {
    expect(run({ q: '$100k' }, { name: '$ales lead', price$: 1, mapping: { title: 'job$title' } })).toBe(
      'passed',
    );
    expect(run({}, undefined)).toBe('passed');
  });
});
