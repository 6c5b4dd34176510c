import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { canonicalAroundSeq, ChainVerifier, GENESIS_HASH, type AuditEventContent } from '@clearpost/audit-chain';
import { badInput, notFound } from '../common/errors';
import { decodeIntCursor, encodeCursor, toConnection } from '../common/pagination';
import type { Tx } from '../database/tx';
import type { AuditChainVerification, AuditEvent, AuditEventConnection, AuditEventFilter } from './audit.models';
import { PostEvents } from '../live/post-events';
import { Metrics } from '../observability/metrics';
import { AuditRepository, type AuditEventRow } from './audit.repository';

/** What a feature says happened; the organization and order are the audit trail's business. */
export interface AuditEntry {
  action: string;
  actorUserId: string | null;
  targetType?: string | null;
  targetId?: string | null;
  data?: Record<string, unknown>;
}

const VERIFY_BATCH = 5000;

/**
 * The append-only, hash-chained audit trail. Writes go through the caller's transaction, so an
 * event exists exactly when the change it records does.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly events: AuditRepository,
    private readonly metrics: Metrics,
    private readonly postEvents: PostEvents,
  ) {}

  /** Starts an organization's chain; called once, in the transaction that creates it. */
  startChain(tx: Tx, organizationId: string): Promise<void> {
    return this.events.startChain(tx, organizationId, GENESIS_HASH);
  }

  /**
   * Appends one event to `organizationId`'s chain when the transaction commits, in the commit's
   * round trip: the event exists exactly when the change does, and the chain's head is locked only
   * while COMMIT runs. Seq is the commit order; occurredAt is when the change was made.
   */
  async record(tx: Tx, organizationId: string, entry: AuditEntry): Promise<void> {
    const content: Omit<AuditEventContent, 'seq'> = {
      organizationId,
      occurredAt: new Date().toISOString(),
      action: entry.action,
      actorUserId: entry.actorUserId,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      data: entry.data ?? {},
    };
    const { beforeSeq, afterSeq } = canonicalAroundSeq(content);
    this.events.appendAtCommit(tx, { ...content, id: randomUUID(), canonicalBeforeSeq: beforeSeq, canonicalAfterSeq: afterSeq });
    tx.afterCommit(() => this.metrics.auditAppends.inc());
    // Whoever follows this post (its page, the queue, the calendar) hears of it once it is committed.
    if (content.targetType === 'post' && content.targetId) {
      const event = { organizationId, postId: content.targetId, action: content.action, at: content.occurredAt };
      tx.afterCommit(() => this.postEvents.publish(event));
    }
  }

  /** Records one event in each of `organizationIds`, acting there as `userId` (sign-in and session events). */
  async recordForUser(tx: Tx, userId: string, organizationIds: string[], entry: AuditEntry): Promise<number> {
    for (const organizationId of organizationIds) {
      await tx.rescope({ organizationId, userId });
      await this.record(tx, organizationId, entry);
    }
    return organizationIds.length;
  }

  /**
   * The shape every change takes: lock the row (or answer NOT_FOUND naming `what`), change it, and
   * append the event the change returns — or none, when it turned out to change nothing.
   */
  async change<Row, Result>(
    tx: Tx,
    organizationId: string,
    what: string,
    lock: () => Promise<Row | null>,
    apply: (row: Row) => Promise<{ result: Result; event: AuditEntry | null }>,
  ): Promise<Result> {
    const row = await lock();
    if (!row) throw notFound(what);
    const { result, event } = await apply(row);
    if (event) await this.record(tx, organizationId, event);
    return result;
  }

  /** Newest first, keyset-paginated on seq. */
  async list(tx: Tx, organizationId: string, first: number, after: string | null | undefined, filter: AuditEventFilter = {}): Promise<AuditEventConnection> {
    if (filter.from && filter.to && filter.from > filter.to) throw badInput('filter.from', '"from" must be before "to".');
    const rows = await this.events.page(tx, organizationId, first + 1, after ? decodeIntCursor(after) : null, filter);
    return toConnection(rows, first, (row) => encodeCursor(Number(row.seq)), toEvent);
  }

  /**
   * Re-reads the whole chain in seq order, in batches, and checks every link, every hash and
   * that the queryable columns still say what the hashed text says; then checks the recorded head.
   *
   * Writers keep appending while this runs (each READ COMMITTED statement sees a newer state), so
   * the head is read first and the chain checked up to it: every event up to that head committed
   * with it. Rows beyond the head are then looked for in one statement that reads the current head
   * too, so an event inserted behind the writer's back is caught while a concurrent append is not
   * mistaken for one.
   */
  async verify(tx: Tx, organizationId: string): Promise<AuditChainVerification> {
    const headRow = await this.events.head(tx, organizationId);
    const head = headRow ? { seq: Number(headRow.last_seq), hash: headRow.last_hash } : undefined;
    const verifier = new ChainVerifier();
    let lastSeq = 0;
    for (;;) {
      const rows = await this.events.batch(tx, organizationId, lastSeq, head?.seq ?? Number.MAX_SAFE_INTEGER, VERIFY_BATCH);
      let intact = true;
      for (const row of rows) {
        const seq = Number(row.seq);
        intact = verifier.push({
          seq,
          prevHash: row.prev_hash,
          hash: row.hash,
          canonical: row.canonical,
          content: {
            organizationId,
            seq,
            occurredAt: row.occurred_at.toISOString(),
            action: row.action,
            actorUserId: row.actor_user_id,
            targetType: row.target_type,
            targetId: row.target_id,
            data: row.data,
          },
        });
        if (!intact) break;
      }
      if (!intact || rows.length < VERIFY_BATCH) break;
      lastSeq = Number(rows[rows.length - 1].seq);
    }
    const result = verifier.result(head);
    let firstBrokenSeq = result.firstBrokenSeq;
    if (result.ok) firstBrokenSeq = (await this.events.firstBeyondHead(tx, organizationId)) ?? null; // events the writer never wrote
    return {
      ok: firstBrokenSeq === null,
      checkedCount: result.checkedCount,
      firstBrokenSeq,
      headSeq: result.headSeq,
      headHash: result.headHash,
    };
  }
}

function toEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    action: row.action,
    actor: row.actor_user_id ? { id: row.actor_user_id, name: row.actor_name ?? 'Unknown user' } : null,
    targetType: row.target_type,
    targetId: row.target_id,
    data: row.data,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
