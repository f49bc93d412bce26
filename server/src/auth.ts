// Bearer tokens. A token is "gls_" and 32 random bytes in base64url; the database keeps
// only its SHA-256, so a copy of the database gives nobody a way in. A request's token
// is hashed and looked up by that hash; the stored hash is then compared in constant
// time, so the answer's timing says nothing about how much of a guess was right.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from './store/store';

export const TOKEN_PREFIX = 'gls_';
const TOKEN_RE = /^gls_[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function isTokenFormat(token: string): boolean {
  return TOKEN_RE.test(token);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type AuthResult = { ok: true; userId: string; key: string } | { ok: false; message: string };

/** Checks an Authorization header. `key` identifies the token (its hash) for rate limits. */
export async function authenticate(store: Store, header: string | undefined): Promise<AuthResult> {
  if (!header) return { ok: false, message: 'missing token: send "Authorization: Bearer gls_..."' };
  const m = /^Bearer +(\S+) *$/i.exec(header);
  if (!m || !isTokenFormat(m[1]!)) return { ok: false, message: 'malformed token: send "Authorization: Bearer gls_..." with the token "user add" printed' };
  const hash = hashToken(m[1]!);
  const row = await store.findToken(hash);
  if (!row || !timingSafeEqual(Buffer.from(row.hash, 'hex'), Buffer.from(hash, 'hex'))) return { ok: false, message: 'unknown token' };
  if (row.revoked) return { ok: false, message: 'this token has been revoked' };
  return { ok: true, userId: row.userId, key: hash };
}
