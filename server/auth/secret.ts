import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Bearer tokens and session ids: 256 random bits, kept only as SHA-256 digests. A plain hash
 * (not bcrypt/scrypt) is enough because the secrets are random, not chosen by people: there is
 * no dictionary to try, and 2^256 guesses are out of reach however fast each one is. A slow
 * hash would only make every request slower.
 */

/** Prefix of account tokens, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = 'wst_'

/** A new random secret: 32 bytes (256 bits), base64url. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

/** Hex SHA-256 of a secret: what the database keeps. */
export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/** Two digests compared in constant time (equal lengths: both are SHA-256). */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex')
  const y = Buffer.from(b, 'hex')
  return x.length === y.length && timingSafeEqual(x, y)
}
