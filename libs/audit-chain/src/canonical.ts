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

/**
 * The canonical text of an event around its seq: `beforeSeq + seq + afterSeq` equals
 * `canonicalEncode({ ...event, seq })` for every seq. The API lets PostgreSQL take the next seq
 * and seal the event in the same statement, so the chain's head is locked for one round trip.
 *
 * Keys are sorted, so the top-level seq is followed only by targetId, targetType and v, none of
 * which can hold `,"` unescaped: the last `,"seq":0,` is the top-level one, whatever `data` holds.
 */
export function canonicalAroundSeq(event: Omit<AuditEventContent, 'seq'>): { beforeSeq: string; afterSeq: string } {
  const text = canonicalEncode({ ...event, seq: 0 });
  const key = ',"seq":';
  const at = text.lastIndexOf(`${key}0,"targetId":`);
  if (at < 0) throw new Error('Unexpected canonical shape');
  return { beforeSeq: text.slice(0, at + key.length), afterSeq: text.slice(at + key.length + 1) };
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
