import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';

export interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  secret_encrypted: string;
  created_at: Date;
}

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  event: string;
  payload: Record<string, unknown>;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
}

/** webhook and webhook_delivery. */
@Injectable()
export class WebhooksRepository {
  async insert(tx: Tx, row: { organizationId: string; id: string; url: string; events: string[]; sealedSecret: string; by: string }): Promise<void> {
    await tx.query(`insert into webhook (organization_id, id, url, events, secret_encrypted, created_by) values ($1, $2, $3, $4, $5, $6)`, [
      row.organizationId,
      row.id,
      row.url,
      row.events,
      row.sealedSecret,
      row.by,
    ]);
  }

  list(tx: Tx, organizationId: string): Promise<WebhookRow[]> {
    return tx.many(`select id, url, events, secret_encrypted, created_at from webhook where organization_id = $1 and deleted_at is null order by created_at`, [
      organizationId,
    ]);
  }

  get(tx: Tx, organizationId: string, id: string): Promise<WebhookRow | null> {
    return tx.one(`select id, url, events, secret_encrypted, created_at from webhook where organization_id = $1 and id = $2 and deleted_at is null`, [
      organizationId,
      id,
    ]);
  }

  /** Active webhooks listening to `event`. */
  listening(tx: Tx, organizationId: string, event: string): Promise<Array<{ id: string }>> {
    return tx.many(`select id from webhook where organization_id = $1 and deleted_at is null and $2 = any(events)`, [organizationId, event], {
      name: 'webhooks.listening',
    });
  }

  async softDelete(tx: Tx, organizationId: string, id: string): Promise<boolean> {
    const { rowCount } = await tx.query(`update webhook set deleted_at = now() where organization_id = $1 and id = $2 and deleted_at is null`, [
      organizationId,
      id,
    ]);
    return rowCount === 1;
  }

  async insertDelivery(tx: Tx, row: { organizationId: string; id: string; webhookId: string; event: string; payload: Record<string, unknown> }): Promise<void> {
    await tx.query(`insert into webhook_delivery (organization_id, id, webhook_id, event, payload) values ($1, $2, $3, $4, $5::jsonb)`, [
      row.organizationId,
      row.id,
      row.webhookId,
      row.event,
      JSON.stringify(row.payload),
    ]);
  }

  delivery(tx: Tx, organizationId: string, id: string): Promise<DeliveryRow | null> {
    return tx.one(
      `select id, webhook_id, event, payload, status, attempts, last_status, last_error, next_attempt_at, delivered_at, created_at
         from webhook_delivery where organization_id = $1 and id = $2`,
      [organizationId, id],
    );
  }

  deliveries(tx: Tx, organizationId: string, webhookId: string, limit: number): Promise<DeliveryRow[]> {
    return tx.many(
      `select id, webhook_id, event, payload, status, attempts, last_status, last_error, next_attempt_at, delivered_at, created_at
         from webhook_delivery where organization_id = $1 and webhook_id = $2 order by created_at desc, id desc limit $3`,
      [organizationId, webhookId, limit],
    );
  }

  async recordAttempt(
    tx: Tx,
    organizationId: string,
    id: string,
    outcome: { status: DeliveryRow['status']; lastStatus: number | null; lastError: string | null; nextAttemptAt: Date | null },
  ): Promise<void> {
    await tx.query(
      `update webhook_delivery set status = $3, attempts = attempts + 1, last_status = $4, last_error = $5, next_attempt_at = $6,
              delivered_at = case when $3 = 'DELIVERED' then now() else delivered_at end
        where organization_id = $1 and id = $2`,
      [organizationId, id, outcome.status, outcome.lastStatus, outcome.lastError, outcome.nextAttemptAt],
    );
  }

  async requeue(tx: Tx, organizationId: string, id: string): Promise<void> {
    await tx.query(`update webhook_delivery set status = 'PENDING', next_attempt_at = now() where organization_id = $1 and id = $2`, [organizationId, id]);
  }
}
