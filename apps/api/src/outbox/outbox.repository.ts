import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';

export interface ClaimedRow {
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** outbox: work to do because of a change, written in the change's own transaction. */
@Injectable()
export class OutboxRepository {
  async insert(tx: Tx, row: { id: string; organizationId: string; topic: string; payload: Record<string, unknown>; delaySeconds: number }): Promise<void> {
    await tx.query(
      `insert into outbox (id, organization_id, topic, payload, available_at) values ($1, $2, $3, $4::jsonb, now() + make_interval(secs => $5))`,
      [row.id, row.organizationId, row.topic, JSON.stringify(row.payload), row.delaySeconds],
      { name: 'outbox.insert' },
    );
  }

  /** Due work across organizations, ids only (SECURITY DEFINER: the outbox is under RLS). */
  due(tx: Tx, limit: number): Promise<Array<{ id: string; organization_id: string; attempts: number }>> {
    return tx.many(`select id, organization_id, attempts from outbox_due($1)`, [limit]);
  }

  /** How much due work waits, and for how long the oldest has (SECURITY DEFINER, counts only). */
  async dueStats(tx: Tx): Promise<{ count: number; oldestSeconds: number }> {
    const row = await tx.one<{ count: number; oldest_seconds: number | null }>(`select count, oldest_seconds from outbox_due_stats()`);
    return { count: row?.count ?? 0, oldestSeconds: row?.oldest_seconds ?? 0 };
  }

  async organizationOf(tx: Tx, id: string): Promise<string | null> {
    return (await tx.one<{ organization_id: string | null }>(`select outbox_organization($1) as organization_id`, [id]))?.organization_id ?? null;
  }

  /**
   * Claims the row for one attempt: only if it is not done, is due, and no live attempt holds it.
   * Of two workers claiming at once, the row lock lets one through; the other re-reads the claimed
   * row and finds nothing to claim.
   */
  claim(tx: Tx, id: string, attemptId: string, leaseSeconds: number): Promise<ClaimedRow | null> {
    return tx.one(
      `update outbox set attempts = attempts + 1, attempt_id = $2, claimed_until = now() + make_interval(secs => $3)
        where id = $1 and completed_at is null and available_at <= now() and (claimed_until is null or claimed_until < now())
        returning topic, payload, attempts`,
      [id, attemptId, leaseSeconds],
      { name: 'outbox.claim' },
    );
  }

  /** Done — if `attemptId` still holds it (a lease that expired and was claimed again records nothing). */
  async complete(tx: Tx, id: string, attemptId: string): Promise<boolean> {
    const { rowCount } = await tx.query(
      `update outbox set completed_at = now(), claimed_until = null, last_error = null where id = $1 and attempt_id = $2 and completed_at is null`,
      [id, attemptId],
      { name: 'outbox.complete' },
    );
    return rowCount === 1;
  }

  /** Another attempt after `retryInSeconds`, or none (`final`: the row is closed with its error). */
  async fail(tx: Tx, id: string, attemptId: string, error: string, retryInSeconds: number, final: boolean): Promise<boolean> {
    const { rowCount } = await tx.query(
      `update outbox set last_error = $3, claimed_until = null, available_at = now() + make_interval(secs => $4),
              completed_at = case when $5 then now() end
        where id = $1 and attempt_id = $2 and completed_at is null`,
      [id, attemptId, error, retryInSeconds, final],
    );
    return rowCount === 1;
  }
}
