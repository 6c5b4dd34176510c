import { createHmac, timingSafeEqual } from 'node:crypto';

/** Receivers refuse a signature older than this (replay window). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * `Clearpost-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` — the
 * timestamp is signed with the body, so a captured delivery cannot be replayed later or with
 * another body.
 */
export function signatureHeader(secret: string, body: string, at = Math.floor(Date.now() / 1000)): string {
  return `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`;
}

/** What a receiver does (and the tests): recompute, compare in constant time, check the age. */
export function verifySignature(secret: string, body: string, header: string, now = Math.floor(Date.now() / 1000)): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const at = Number(parts.t);
  if (!Number.isInteger(at) || !parts.v1 || Math.abs(now - at) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${at}.${body}`).digest('hex'));
  const given = Buffer.from(parts.v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
