import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, CURRENT_ORG_SQL } from '../roles';

/**
 * Webhooks per organization: where to send which events, with a signing secret sealed at rest,
 * and the log of every delivery (status, attempts, the receiver's answer) for redelivery.
 * Staff-only: client users never see them.
 */
export class Webhooks1764340000000 implements MigrationInterface {
  name = 'Webhooks1764340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table webhook (
        organization_id uuid not null references organization (id),
        id uuid not null,
        url text not null,
        events text[] not null,
        secret_encrypted text not null,
        created_by uuid references app_user (id),
        created_at timestamptz not null default now(),
        deleted_at timestamptz,
        primary key (organization_id, id)
      );
      create table webhook_delivery (
        organization_id uuid not null,
        id uuid not null,
        webhook_id uuid not null,
        event text not null,
        payload jsonb not null,
        status text not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'FAILED')),
        attempts int not null default 0,
        last_status int,
        last_error text,
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz not null default now(),
        primary key (organization_id, id),
        foreign key (organization_id, webhook_id) references webhook (organization_id, id)
      );
      create index webhook_delivery_page on webhook_delivery (organization_id, webhook_id, created_at desc, id desc);
      grant select, insert, update on webhook, webhook_delivery to ${APP_ROLE};
    `);
    for (const table of ['webhook', 'webhook_delivery']) {
      await q.query(`
        alter table ${table} enable row level security;
        alter table ${table} force row level security;
        create policy ${table}_tenant on ${table} using (organization_id = ${CURRENT_ORG_SQL}) with check (organization_id = ${CURRENT_ORG_SQL});
        create policy ${table}_staff on ${table} as restrictive using ((select app_client_scope()) is null);
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table webhook_delivery; drop table webhook;`);
  }
}
