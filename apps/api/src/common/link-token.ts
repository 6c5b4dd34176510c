import { randomBytes } from 'node:crypto';
import { AppError } from './errors';
import { hashSecret } from '../auth/tokens';

/**
 * The token of a link that works on its own (an invitation, a seatless approval):
 * `<organization id + row id, base64url>.<secret>`. The ids let a public request find the row while
 * RLS stays on (the transaction is scoped to that organization); only a SHA-256 of the 32-byte
 * secret is stored, compared in constant time.
 */
export interface LinkToken {
  organizationId: string;
  id: string;
  secret: string;
}

const uuidToBytes = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const bytesToUuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

export function newLinkToken(organizationId: string, id: string): { value: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  const ids = Buffer.concat([uuidToBytes(organizationId), uuidToBytes(id)]).toString('base64url');
  return { value: `${ids}.${secret}`, hash: hashSecret(secret) };
}

export function parseLinkToken(value: string): LinkToken | null {
  const match = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/.exec(value.trim());
  if (!match) return null;
  const hex = Buffer.from(match[1], 'base64url').toString('hex');
  if (hex.length !== 64) return null;
  return { organizationId: bytesToUuid(hex.slice(0, 32)), id: bytesToUuid(hex.slice(32)), secret: match[2] };
}

/** Why a link cannot be used, as `extensions.reason` next to BAD_USER_INPUT on `token`. */
export function unusableLink(reason: 'INVALID' | 'EXPIRED' | 'USED' | 'REVOKED', message: string): AppError {
  return new AppError('BAD_USER_INPUT', message, { field: 'token', reason });
}
