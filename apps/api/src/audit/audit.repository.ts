import { Injectable } from '@nestjs/common';
import { inlineUuid, literal, type Tx } from '../database/tx';
import type { AuditEventFilter } from './audit.models';

export interface AuditEventRow {
  id: string;
  seq: string;
  occurred_at: Date;
  action: string;
  actor_user_id: string | null;
  actor_name: string | null;
  target_type: string | null;
  target_id: string | null;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

export type ChainRow = Omit<AuditEventRow, 'id' | 'actor_name'> & { canonical: string };

export interface NextAuditEvent {
  organizationId: string;
  id: string;
  occurredAt: string;
  action: string;
  actorUserId: string | null;
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
  /** The canonical text is `canonicalBeforeSeq + seq + canonicalAfterSeq` (libs/audit-chain). */
  canonicalBeforeSeq: string;
  canonicalAfterSeq: string;
}

/** audit_head and audit_event: the chain's head row and its append-only events. */
@Injectable()
export class AuditRepository {
  async startChain(tx: Tx, organizationId: string, genesisHash: string): Promise<void> {
    await tx.query(`insert into audit_head (organization_id, last_seq, last_hash) values ($1, 0, $2)`, [organizationId, genesisHash]);
  }

  /**
   * Appends the event when the transaction commits, in the commit's round trip: the head row is
   * locked, its seq advanced and its hash moved to SHA-256(previous hash ‖ canonical text) — the
   * library's `chainHash`, computed here so the seq is taken and sealed in one statement — and the
   * event inserted with both links. The head is locked only while COMMIT runs, so writers of one
   * organization queue for a moment, seq stays gap-free and a rolled-back change leaves no event.
   */
  appendAtCommit(tx: Tx, event: NextAuditEvent): void {
    const org = inlineUuid(event.organizationId);
    const before = literal(event.canonicalBeforeSeq);
    const after = literal(event.canonicalAfterSeq);
    tx.atCommit(
      `with head as (
         update audit_head
            set last_seq = last_seq + 1,
                prev_hash = last_hash,
                last_hash = encode(sha256(convert_to(last_hash || ${before} || (last_seq + 1)::text || ${after}, 'UTF8')), 'hex')
          where organization_id = ${org}
          returning last_seq, prev_hash, last_hash
       ), appended as (
         insert into audit_event (organization_id, seq, id, occurred_at, action, actor_user_id, target_type, target_id, data, canonical, prev_hash, hash)
         select ${org}, head.last_seq, ${inlineUuid(event.id)}, ${literal(event.occurredAt)}, ${literal(event.action)},
                ${event.actorUserId === null ? 'null' : inlineUuid(event.actorUserId)}, ${literal(event.targetType)}, ${literal(event.targetId)},
                ${literal(JSON.stringify(event.data))}::jsonb, ${before} || head.last_seq::text || ${after}, head.prev_hash, head.last_hash
           from head
         returning seq
       )
       -- No chain, no commit: the transaction fails rather than lose the event (the message names
       -- count(*) so that the planner cannot fold it into a constant and raise it every time).
       select case when count(*) = 1 then 1 else ('no audit chain (' || count(*) || ') for organization ' || ${org})::int end from appended`,
    );
  }

  /** Newest first, keyset on seq; every filter is served by an index leading with organization_id. */
  page(tx: Tx, organizationId: string, limit: number, beforeSeq: number | null, filter: AuditEventFilter): Promise<AuditEventRow[]> {
    const params: unknown[] = [organizationId, limit];
    const where = ['e.organization_id = $1'];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (beforeSeq !== null) add((n) => `e.seq < $${n}`, beforeSeq);
    if (filter.action?.endsWith('.*')) {
      // "auth.*": the family is the first segment (indexed); a longer prefix narrows within it.
      const prefix = filter.action.slice(0, -1);
      add((n) => `e.action_group = $${n}`, prefix.split('.')[0]);
      if (prefix.split('.').length > 2) add((n) => `e.action like $${n}`, `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    } else if (filter.action) add((n) => `e.action = $${n}`, filter.action);
    if (filter.actorUserId) add((n) => `e.actor_user_id = $${n}`, filter.actorUserId);
    if (filter.targetType) add((n) => `e.target_type = $${n}`, filter.targetType);
    if (filter.targetId) add((n) => `e.target_id = $${n}`, filter.targetId);
    if (filter.from) add((n) => `e.occurred_at >= $${n}`, filter.from);
    if (filter.to) add((n) => `e.occurred_at < $${n}`, filter.to);
    const unfiltered = where.length === (beforeSeq === null ? 1 : 2);
    return tx.many(
      `select e.id, e.seq, e.occurred_at, e.action, e.actor_user_id, u.name as actor_name, e.target_type, e.target_id, e.data, e.prev_hash, e.hash
         from audit_event e left join app_user u on u.id = e.actor_user_id
        where ${where.join(' and ')} order by e.seq desc limit $2`,
      params,
      // The page everyone opens first is one shape: prepared once per connection.
      unfiltered ? { name: beforeSeq === null ? 'audit.first_page' : 'audit.next_page' } : {},
    );
  }

  head(tx: Tx, organizationId: string): Promise<{ last_seq: string; last_hash: string } | null> {
    return tx.one(`select last_seq, last_hash from audit_head where organization_id = $1`, [organizationId]);
  }

  /** Events after `afterSeq` up to `uptoSeq`, in order, at most `limit`. */
  batch(tx: Tx, organizationId: string, afterSeq: number, uptoSeq: number, limit: number): Promise<ChainRow[]> {
    return tx.many(
      `select seq, occurred_at, action, actor_user_id, target_type, target_id, data, canonical, prev_hash, hash
         from audit_event where organization_id = $1 and seq > $2 and seq <= $3 order by seq limit $4`,
      [organizationId, afterSeq, uptoSeq, limit],
    );
  }

  /** The first seq past the recorded head (an event the writer never wrote), read with the head in one statement. */
  async firstBeyondHead(tx: Tx, organizationId: string): Promise<number | null> {
    const row = await tx.one<{ seq: string | null }>(
      `select min(e.seq) as seq from audit_event e
        where e.organization_id = $1 and e.seq > coalesce((select last_seq from audit_head h where h.organization_id = $1), 0)`,
      [organizationId],
    );
    return row?.seq === null || row?.seq === undefined ? null : Number(row.seq);
  }
}
