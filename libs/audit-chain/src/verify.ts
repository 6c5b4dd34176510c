import { canonicalEncode, type AuditEventContent } from './canonical';
import { chainHash, GENESIS_HASH } from './chain';

/** One event as stored: the hashed text, the links, and the queryable columns beside them. */
export interface StoredAuditEvent {
  seq: number;
  prevHash: string;
  hash: string;
  canonical: string;
  /** The columns the event is queried by; they must say exactly what `canonical` says. */
  content?: AuditEventContent;
}

export interface ChainVerification {
  ok: boolean;
  checkedCount: number;
  /** The first sequence number at which the chain does not hold, or null when it holds. */
  firstBrokenSeq: number | null;
  /** Last sequence number seen (or expected, when events are missing at the end). */
  headSeq: number;
  headHash: string;
}

export type BreakReason = 'gap' | 'prev-hash' | 'hash' | 'content' | 'head';

/**
 * Verifies a chain one event at a time, so callers can stream millions of events in pages
 * without holding them in memory. Events must be pushed in ascending `seq`.
 */
export class ChainVerifier {
  private expectedSeq: number;
  private prevHash: string;
  private checked = 0;
  private broken: { seq: number; reason: BreakReason } | null = null;

  constructor(start: { seq: number; prevHash: string } = { seq: 1, prevHash: GENESIS_HASH }) {
    this.expectedSeq = start.seq;
    this.prevHash = start.prevHash;
  }

  /** Returns false once the chain is broken; later events are then ignored. */
  push(event: StoredAuditEvent): boolean {
    if (this.broken) return false;
    const reason = this.check(event);
    if (reason) {
      // A missing event is reported at the seq that is missing, not at the one after it.
      this.broken = { seq: reason === 'gap' ? this.expectedSeq : event.seq, reason };
      return false;
    }
    this.checked += 1;
    this.expectedSeq = event.seq + 1;
    this.prevHash = event.hash;
    return true;
  }

  private check(event: StoredAuditEvent): BreakReason | null {
    if (event.seq !== this.expectedSeq) return 'gap';
    if (event.prevHash !== this.prevHash) return 'prev-hash';
    if (chainHash(event.prevHash, event.canonical) !== event.hash) return 'hash';
    if (event.content && canonicalEncode(event.content) !== event.canonical) return 'content';
    return null;
  }

  /**
   * The verdict. `head` is what the writer recorded as the latest event: if events were deleted
   * from the end, the chain alone looks whole, and only the recorded head shows the loss.
   */
  result(head?: { seq: number; hash: string }): ChainVerification & { reason: BreakReason | null } {
    const lastSeq = this.expectedSeq - 1;
    if (!this.broken && head) {
      if (head.seq > lastSeq)
        this.broken = { seq: lastSeq + 1, reason: 'head' }; // events missing at the end
      else if (head.seq < lastSeq)
        this.broken = { seq: head.seq + 1, reason: 'head' }; // events the writer never wrote
      else if (head.hash !== this.prevHash) this.broken = { seq: head.seq, reason: 'head' };
    }
    return {
      ok: this.broken === null,
      checkedCount: this.checked,
      firstBrokenSeq: this.broken?.seq ?? null,
      reason: this.broken?.reason ?? null,
      headSeq: head?.seq ?? lastSeq,
      headHash: head?.hash ?? this.prevHash,
    };
  }
}

/** Verifies a whole chain held in memory. */
export function verifyChain(events: Iterable<StoredAuditEvent>, head?: { seq: number; hash: string }): ChainVerification & { reason: BreakReason | null } {
  const verifier = new ChainVerifier();
  for (const event of events) {
    if (!verifier.push(event)) break;
  }
  return verifier.result(head);
}
