import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, CURRENT_ORG_SQL } from '../roles';

/**
 * Publishing: one `publication` per post and account (the record that it went out exactly once:
 * attempt, idempotency key, the network's id and address, the last error), the connector each
 * account publishes through, and the sandbox network's feed. A post gains the states PUBLISHING,
 * PUBLISHED and FAILED.
 */
export class Publishing1764330000000 implements MigrationInterface {
  name = 'Publishing1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table post drop constraint post_state_check;
      alter table post add constraint post_state_check check (state in
        ('DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'SCHEDULED', 'PUBLISHING', 'PUBLISHED', 'FAILED', 'REJECTED', 'CANCELLED'));
      create index post_scheduled on post (organization_id, scheduled_at) where scheduled_at is not null;

      -- How an account publishes: the sandbox unless it was connected to its network.
      alter table social_account
        add column connector text not null default 'SANDBOX' check (connector in ('SANDBOX', 'MASTODON', 'BLUESKY')),
        add column connection jsonb,
        add column connected_at timestamptz,
        add column connected_by uuid references app_user (id);

      create table publication (
        organization_id uuid not null references organization (id),
        id uuid not null,
        post_id uuid not null,
        account_id uuid not null,
        revision int not null,
        content_hash text not null,
        -- Derived from (publication, content hash): the same for every attempt, sent to the network.
        idempotency_key text not null,
        state text not null check (state in ('SCHEDULED', 'PUBLISHING', 'PUBLISHED', 'FAILED', 'CANCELLED')),
        due_at timestamptz not null,
        attempts int not null default 0,
        attempt_id uuid,
        connector text,
        remote_id text,
        remote_url text,
        last_error text,
        error_permanent boolean not null default false,
        next_attempt_at timestamptz,
        published_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (organization_id, id),
        foreign key (organization_id, post_id) references post (organization_id, id),
        foreign key (organization_id, account_id) references social_account (organization_id, id),
        check ((state = 'PUBLISHED') = (remote_id is not null))
      );
      -- A post goes to an account once: one live publication per (post, account).
      create unique index publication_once on publication (organization_id, post_id, account_id) where state <> 'CANCELLED';
      create index publication_due on publication (organization_id, due_at);

      -- The sandbox network: what Clearpost "published" there, shown as a feed in the web app.
      -- It keeps the idempotency key it was sent but does not deduplicate on it, like a network
      -- without idempotency support: exactly-once is Clearpost's to keep (it looks up before retrying).
      create table sandbox_post (
        organization_id uuid not null references organization (id),
        id uuid not null,
        account_id uuid not null,
        idempotency_key text not null,
        text text not null,
        links jsonb not null default '[]',
        media jsonb not null default '[]',
        created_at timestamptz not null default now(),
        primary key (organization_id, id),
        foreign key (organization_id, account_id) references social_account (organization_id, id)
      );
      create index sandbox_post_key on sandbox_post (organization_id, idempotency_key);
      create index sandbox_post_feed on sandbox_post (organization_id, created_at desc, id desc);

      -- The sweep names the BullMQ job after the attempts so far: a row whose worker died (its job
      -- stuck "active" in Redis) is queued again under a new name as soon as its lease ends.
      drop function outbox_due(int);
      create function outbox_due(max_rows int) returns table (id uuid, organization_id uuid, attempts int)
        language sql stable security definer set search_path = public as $fn$
          select o.id, o.organization_id, o.attempts from outbox o
           where o.completed_at is null and o.available_at <= now() and (o.claimed_until is null or o.claimed_until < now())
           order by o.available_at limit least(greatest(max_rows, 0), 1000)
        $fn$;
      revoke all on function outbox_due(int) from public;
      grant execute on function outbox_due(int) to ${APP_ROLE};

      grant select, insert, update on publication to ${APP_ROLE};
      grant select, insert on sandbox_post to ${APP_ROLE};
    `);
    for (const table of ['publication', 'sandbox_post']) {
      await q.query(`
        alter table ${table} enable row level security;
        alter table ${table} force row level security;
        create policy ${table}_tenant on ${table}
          using (organization_id = ${CURRENT_ORG_SQL})
          with check (organization_id = ${CURRENT_ORG_SQL});
      `);
    }
    await q.query(`
      -- A client user sees the publications of the posts they see, and the sandbox feed of their accounts.
      create policy publication_client_scope on publication as restrictive
        using ((select app_client_scope()) is null or exists (select 1 from post p where p.organization_id = publication.organization_id and p.id = publication.post_id));
      create policy sandbox_post_client_scope on sandbox_post as restrictive
        using ((select app_client_scope()) is null or exists (select 1 from social_account a where a.organization_id = sandbox_post.organization_id and a.id = sandbox_post.account_id));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table sandbox_post; drop table publication;
      drop function outbox_due(int);
      create function outbox_due(max_rows int) returns table (id uuid, organization_id uuid)
        language sql stable security definer set search_path = public as $fn$
          select o.id, o.organization_id from outbox o
           where o.completed_at is null and o.available_at <= now() and (o.claimed_until is null or o.claimed_until < now())
           order by o.available_at limit least(greatest(max_rows, 0), 1000)
        $fn$;
      revoke all on function outbox_due(int) from public;
      grant execute on function outbox_due(int) to ${APP_ROLE};
      alter table social_account drop column connector, drop column connection, drop column connected_at, drop column connected_by;
      drop index post_scheduled;
      alter table post drop constraint post_state_check;
      alter table post add constraint post_state_check check (state in ('DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'SCHEDULED', 'REJECTED', 'CANCELLED'));
    `);
  }
}
