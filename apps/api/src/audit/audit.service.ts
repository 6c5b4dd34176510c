import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ChainVerifier, GENESIS_HASH, sealEvent, type AuditEventContent } from '@clearpost/audit-chain';
import { badInput } from '../common/errors';
import { decodeIntCursor, encodeCursor } from '../common/pagination';
import { setScope } from '../database/db.service';
import type { AuditChainVerification, AuditEvent, AuditEventConnection, AuditEventFilter } from './audit.models';

/** What a feature says happened; the organization and order are the audit trail's business. */
export interface AuditEntry {
  action: string;
  actorUserId: string | null;
  targetType?: string | null;
  targetId?: string | null;
  data?: Record<string, unknown>;
}

interface EventRow {
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

const VERIFY_BATCH = 5000;

/**
 * The append-only, hash-chained audit trail. Writes go through the caller's transaction, so an
 * event exists exactly when the change it records does.
 */
@Injectable()
export class AuditService {
  /** Starts an organization's chain; called once, in the transaction that creates it. */
  async startChain(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query(`insert into audit_head (organization_id, last_seq, last_hash) values ($1, 0, $2)`, [
      organizationId,
      GENESIS_HASH,
    ]);
  }

  /**
   * Appends one event to `organizationId`'s chain. Taking the next seq locks the chain's head row
   * until the transaction ends, so concurrent writers queue and seq stays gap-free.
   */
  async record(manager: EntityManager, organizationId: string, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
    // UPDATE … RETURNING comes back from TypeORM as [rows, affectedCount].
    const [[current]] = (await manager.query(
      `update audit_head set last_seq = last_seq + 1 where organization_id = $1 returning last_seq, last_hash`,
      [organizationId],
    )) as [Array<{ last_seq: string; last_hash: string }>, number];
    if (!current) throw new Error(`No audit chain for organization ${organizationId}`);
    const content: AuditEventContent = {
      organizationId,
      seq: Number(current.last_seq),
      occurredAt: new Date().toISOString(),
      action: entry.action,
      actorUserId: entry.actorUserId,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      data: entry.data ?? {},
    };
    const sealed = sealEvent(current.last_hash, content);
    await manager.query(
      `with appended as (
         insert into audit_event (organization_id, seq, id, occurred_at, action, actor_user_id, target_type, target_id, data, canonical, prev_hash, hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12)
       )
       update audit_head set last_hash = $12 where organization_id = $1`,
      [
        organizationId,
        content.seq,
        randomUUID(),
        content.occurredAt,
        content.action,
        content.actorUserId,
        content.targetType,
        content.targetId,
        JSON.stringify(content.data),
        sealed.canonical,
        sealed.prevHash,
        sealed.hash,
      ],
    );
    return { seq: content.seq, hash: sealed.hash };
  }

  /** Records one event in each organization `userId` belongs to (sign-in and session events). */
  async recordForUser(manager: EntityManager, userId: string, entry: AuditEntry): Promise<number> {
    await setScope(manager, { organizationId: null, userId });
    const memberships = (await manager.query(`select organization_id from membership where user_id = $1`, [userId])) as Array<{
      organization_id: string;
    }>;
    for (const { organization_id } of memberships) {
      await setScope(manager, { organizationId: organization_id, userId });
      await this.record(manager, organization_id, entry);
    }
    return memberships.length;
  }

  /** Newest first, keyset-paginated on seq. */
  async list(
    manager: EntityManager,
    organizationId: string,
    first: number,
    after: string | null | undefined,
    filter: AuditEventFilter = {},
  ): Promise<AuditEventConnection> {
    const query = manager
      .createQueryBuilder()
      .select([
        'e.id as id',
        'e.seq as seq',
        'e.occurred_at as occurred_at',
        'e.action as action',
        'e.actor_user_id as actor_user_id',
        'u.name as actor_name',
        'e.target_type as target_type',
        'e.target_id as target_id',
        'e.data as data',
        'e.prev_hash as prev_hash',
        'e.hash as hash',
      ])
      .from('audit_event', 'e')
      .leftJoin('app_user', 'u', 'u.id = e.actor_user_id')
      .where('e.organization_id = :organizationId', { organizationId }) // RLS enforces it too
      .orderBy('e.seq', 'DESC')
      .limit(first + 1);
    if (after) query.andWhere('e.seq < :afterSeq', { afterSeq: decodeIntCursor(after) });
    if (filter.action?.endsWith('.*')) {
      query.andWhere('e.action like :actionPrefix', { actionPrefix: `${filter.action.slice(0, -1)}%` });
    } else if (filter.action) {
      query.andWhere('e.action = :action', { action: filter.action });
    }
    if (filter.actorUserId) query.andWhere('e.actor_user_id = :actorUserId', { actorUserId: filter.actorUserId });
    if (filter.targetType) query.andWhere('e.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) query.andWhere('e.target_id = :targetId', { targetId: filter.targetId });
    if (filter.from && filter.to && filter.from > filter.to) throw badInput('filter.from', '"from" must be before "to".');
    if (filter.from) query.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.occurred_at < :to', { to: filter.to });

    const rows = (await query.getRawMany()) as EventRow[];
    const page = rows.slice(0, first).map(toEvent);
    return {
      edges: page.map((node) => ({ cursor: encodeCursor(node.seq), node })),
      pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? encodeCursor(page[page.length - 1].seq) : null },
    };
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
  async verify(manager: EntityManager, organizationId: string): Promise<AuditChainVerification> {
    const [headRow] = (await manager.query(`select last_seq, last_hash from audit_head where organization_id = $1`, [
      organizationId,
    ])) as Array<{ last_seq: string; last_hash: string }>;
    const head = headRow ? { seq: Number(headRow.last_seq), hash: headRow.last_hash } : undefined;
    const verifier = new ChainVerifier();
    let lastSeq = 0;
    for (;;) {
      const rows = (await manager.query(
        `select seq, occurred_at, action, actor_user_id, target_type, target_id, data, canonical, prev_hash, hash
           from audit_event where organization_id = $1 and seq > $2 and seq <= $3 order by seq limit $4`,
        [organizationId, lastSeq, head?.seq ?? Number.MAX_SAFE_INTEGER, VERIFY_BATCH],
      )) as Array<Omit<EventRow, 'id' | 'actor_name'> & { canonical: string }>;
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
    if (result.ok) {
      const [beyond] = (await manager.query(
        `select min(e.seq) as seq from audit_event e
          where e.organization_id = $1
            and e.seq > coalesce((select last_seq from audit_head h where h.organization_id = $1), 0)`,
        [organizationId],
      )) as Array<{ seq: string | null }>;
      if (beyond?.seq !== null && beyond?.seq !== undefined) firstBrokenSeq = Number(beyond.seq); // events the writer never wrote
    }
    return {
      ok: firstBrokenSeq === null,
      checkedCount: result.checkedCount,
      firstBrokenSeq,
      headSeq: result.headSeq,
      headHash: result.headHash,
    };
  }
}

function toEvent(row: EventRow): AuditEvent {
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
