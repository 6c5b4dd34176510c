import { canonicalize } from 'json-canonicalize';

/**
 * What one audit event says, independent of how it is stored. Every field takes part in the
 * hash, so moving an event to another organization, renumbering it or editing it breaks the chain.
 */
export interface AuditEventContent {
  organizationId: string;
  seq: number;
  /** ISO-8601 instant with millisecond precision, e.g. `2026-11-25T06:17:33.000Z`. */
  occurredAt: string;
  /** Dot-separated `noun.past_tense`, e.g. `organization.created`. */
  action: string;
  actorUserId: string | null;
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
}

/** Bumped if the encoded shape ever changes, so old events stay verifiable. */
export const CANONICAL_VERSION = 1;

/**
 * RFC 8785 (JSON Canonicalization Scheme) encoding of an event: sorted keys, no whitespace,
 * ECMAScript number formatting. The stored text is what gets hashed; it is never re-derived from
 * a jsonb column, which PostgreSQL re-serializes.
 */
export function canonicalEncode(event: AuditEventContent): string {
  return canonicalize({ v: CANONICAL_VERSION, ...event });
}

/** The inverse of {@link canonicalEncode}; throws on text that is not an encoded event. */
export function canonicalDecode(text: string): AuditEventContent {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  if (parsed === null || typeof parsed !== 'object' || parsed['v'] !== CANONICAL_VERSION) {
    throw new Error('Not a canonical audit event');
  }
  const { v: _version, ...event } = parsed;
  return event as unknown as AuditEventContent;
}
