import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'jf_';
const VISIBLE_LENGTH = KEY_PREFIX.length + 8;

/**
 * A new recruiter API key: 32 random bytes (256 bits), base64url, behind a recognisable "jf_" prefix that secret
 * scanners can match.
 */
export function generateApiKey(): { apiKey: string; keyPrefix: string; keyHash: string } {
  const apiKey = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { apiKey, keyPrefix: apiKey.slice(0, VISIBLE_LENGTH), keyHash: hashApiKey(apiKey) };
}

/**
 * SHA-256, not bcrypt: a 256-bit random key cannot be guessed however fast the hash is (bcrypt's slowness protects
 * low-entropy passwords), and a deterministic hash is looked up by a unique index in one query, where a salted
 * bcrypt hash would need a scan or a second lookup key plus ~100 ms of CPU on every request.
 */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

/** Keys we issue are "jf_" and 43 base64url characters; anything else is refused without a database lookup. */
export function looksLikeApiKey(value: string): boolean {
  return /^jf_[A-Za-z0-9_-]{43}$/.test(value);
}
