import { createHash, randomBytes } from 'node:crypto';

/**
 * Who a key is for, by its prefix: a recruiter key ("jf_") and a publisher key ("jfp_") are told apart before any
 * lookup, and each is looked up only among its own accounts.
 */
export const API_KEY_PREFIXES = { recruiter: 'jf_', publisher: 'jfp_' } as const;
export type ApiKeyKind = keyof typeof API_KEY_PREFIXES;

const VISIBLE_RANDOM = 8;
const SHAPES: Record<ApiKeyKind, RegExp> = {
  recruiter: /^jf_[A-Za-z0-9_-]{43}$/,
  publisher: /^jfp_[A-Za-z0-9_-]{43}$/,
};

/**
 * A new API key: 32 random bytes (256 bits), base64url, behind a recognisable prefix ("jf_" for recruiters, "jfp_"
 * for publishers) that secret scanners can match.
 */
export function generateApiKey(kind: ApiKeyKind = 'recruiter'): {
  apiKey: string;
  keyPrefix: string;
  keyHash: string;
} {
  const prefix = API_KEY_PREFIXES[kind];
  const apiKey = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { apiKey, keyPrefix: apiKey.slice(0, prefix.length + VISIBLE_RANDOM), keyHash: hashApiKey(apiKey) };
}

/**
 * SHA-256, not bcrypt: a 256-bit random key cannot be guessed however fast the hash is (bcrypt's slowness protects
 * low-entropy passwords), and a deterministic hash is looked up by a unique index in one query, where a salted
 * bcrypt hash would need a scan or a second lookup key plus ~100 ms of CPU on every request.
 */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

/** Keys we issue are their kind's prefix and 43 base64url characters; anything else is refused without a lookup. */
export function looksLikeApiKey(value: string, kind: ApiKeyKind = 'recruiter'): boolean {
  return SHAPES[kind].test(value);
}
