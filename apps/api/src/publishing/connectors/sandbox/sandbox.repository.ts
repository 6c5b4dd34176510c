import { Injectable } from '@nestjs/common';
import type { Tx } from '../../../database/tx';

export interface SandboxPostRow {
  id: string;
  account_id: string;
  idempotency_key: string;
  text: string;
  links: string[];
  created_at: Date;
  handle: string;
  network: string;
  display_name: string;
}

/** sandbox_post: the sandbox network's own store (Clearpost's side never writes it). */
@Injectable()
export class SandboxRepository {
  async insert(
    tx: Tx,
    row: { organizationId: string; id: string; accountId: string; idempotencyKey: string; text: string; links: string[]; media: unknown[] },
  ): Promise<void> {
    await tx.query(
      `insert into sandbox_post (organization_id, id, account_id, idempotency_key, text, links, media) values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
      [row.organizationId, row.id, row.accountId, row.idempotencyKey, row.text, JSON.stringify(row.links), JSON.stringify(row.media)],
      { name: 'sandbox.insert' },
    );
  }

  byKey(tx: Tx, organizationId: string, idempotencyKey: string): Promise<{ id: string } | null> {
    return tx.one(
      `select id from sandbox_post where organization_id = $1 and idempotency_key = $2 order by created_at limit 1`,
      [organizationId, idempotencyKey],
      {
        name: 'sandbox.by_key',
      },
    );
  }

  page(tx: Tx, organizationId: string, limit: number, after: [string, string] | null, accountId: string | null): Promise<SandboxPostRow[]> {
    return tx.many(
      `select s.id, s.account_id, s.idempotency_key, s.text, s.links, s.created_at, a.handle, a.network, a.display_name
         from sandbox_post s join social_account a on a.organization_id = s.organization_id and a.id = s.account_id
        where s.organization_id = $1 and ($3::uuid is null or s.account_id = $3)
          and ($4::timestamptz is null or (s.created_at, s.id) < ($4::timestamptz, $5::uuid))
        order by s.created_at desc, s.id desc limit $2`,
      [organizationId, limit, accountId, after?.[0] ?? null, after?.[1] ?? null],
    );
  }
}
