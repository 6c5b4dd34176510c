import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { isId } from '../common/ids';

export const TOKEN_ISSUER = 'clearpost';
export const ACCESS_TOKEN_AUDIENCE = 'clearpost-api';
export const REFRESH_COOKIE = 'clearpost_refresh';

export interface AccessTokenClaims {
  sub: string;
  /** The session (refresh-token family) the token was issued in. */
  sid: string;
}

/** A refresh token as the client holds it: `<id>.<secret>`; the server keeps only a hash of the secret. */
export function newRefreshToken(): { id: string; secret: string; hash: string; value: string } {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, hash: hashSecret(secret), value: `${id}.${secret}` };
}

export function parseRefreshToken(value: string | undefined): { id: string; secret: string } | null {
  if (!value) return null;
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(value);
  return match && isId(match[1]) ? { id: match[1], secret: match[2] } : null;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
