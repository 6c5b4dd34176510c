import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { canonicalEncode, type AuditEventContent } from './canonical';

/** The `prevHash` of the first event of every organization's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** `hash = SHA-256(prevHash ‖ canonical)`, hex-encoded. */
export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

export interface SealedEvent {
  canonical: string;
  prevHash: string;
  hash: string;
}

/** Encodes an event and links it to the one before it. */
export function sealEvent(prevHash: string, event: AuditEventContent): SealedEvent {
  const canonical = canonicalEncode(event);
  return { canonical, prevHash, hash: chainHash(prevHash, canonical) };
}

/**
 * A value's RFC 8785 canonical text and its SHA-256 (hex): the identity of a document that must
 * not change unnoticed — a post revision an approver approved is bound to this hash.
 */
export function contentHash(value: unknown): { canonical: string; hash: string } {
  const canonical = canonicalize(value);
  return { canonical, hash: createHash('sha256').update(canonical).digest('hex') };
}
