import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, CURRENT_ORG_SQL, CURRENT_USER_SQL } from '../roles';

/**
 * Users, organizations, memberships, sessions and the audit trail.
 *
 * Tenant-owned tables lead every key and index with organization_id and have a FORCEd RLS policy
 * on app.organization_id. Users and sessions are global (a person belongs to several
 * organizations) and are reached only through the auth service.
 */
export class Foundation1764050000000 implements MigrationInterface {
  name = 'Foundation1764050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      do $$ begin
        if not exists (select from pg_roles where rolname = '${APP_ROLE}') then
          create role ${APP_ROLE} nologin nosuperuser nobypassrls nocreatedb nocreaterole;
        end if;
      end $$;
      grant usage on schema public to ${APP_ROLE};

      create table app_user (
        id uuid primary key,
        email text not null,
        name text not null,
        password_hash text not null,
        created_at timestamptz not null default now()
      );
      create unique index app_user_email_key on app_user (lower(email));
      grant select, insert, update on app_user to ${APP_ROLE};

      -- A session is a family of rotating refresh tokens; revoking it ends every token in it.
      create table auth_session (
        id uuid primary key,
        user_id uuid not null references app_user (id),
        created_at timestamptz not null default now(),
        revoked_at timestamptz,
        revoked_reason text,
        ip text,
        user_agent text
      );
      create index auth_session_user_idx on auth_session (user_id);
      create table refresh_token (
        id uuid primary key,
        session_id uuid not null references auth_session (id),
        token_hash text not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        used_at timestamptz
      );
      create index refresh_token_session_idx on refresh_token (session_id);
      grant select, insert, update on auth_session, refresh_token to ${APP_ROLE};

      create table organization (
        id uuid primary key,
        name text not null,
        created_at timestamptz not null default now(),
        created_by uuid references app_user (id)
      );
      create table membership (
        organization_id uuid not null references organization (id),
        user_id uuid not null references app_user (id),
        role text not null check (role in ('OWNER', 'ADMIN', 'COMPLIANCE', 'APPROVER', 'EDITOR', 'MEMBER')),
        created_at timestamptz not null default now(),
        primary key (organization_id, user_id)
      );
      grant select, insert, update on organization to ${APP_ROLE};
      grant select, insert, update, delete on membership to ${APP_ROLE};

      -- The latest link of each organization's chain. Writers lock this row, so seq is gap-free
      -- and the chain linear even with concurrent writers; a rolled-back write leaves no gap.
      create table audit_head (
        organization_id uuid primary key references organization (id),
        last_seq bigint not null,
        last_hash text not null
      );
      grant select, insert, update on audit_head to ${APP_ROLE};

      create table audit_event (
        organization_id uuid not null references organization (id),
        seq bigint not null,
        id uuid not null,
        occurred_at timestamptz not null,
        action text not null,
        actor_user_id uuid,
        target_type text,
        target_id text,
        data jsonb not null,
        canonical text not null,  -- the exact RFC 8785 text that was hashed
        prev_hash text not null,
        hash text not null,
        primary key (organization_id, seq)
      );
      create unique index audit_event_id_key on audit_event (organization_id, id);
      create index audit_event_action_idx on audit_event (organization_id, action, seq);
      create index audit_event_actor_idx on audit_event (organization_id, actor_user_id, seq);
      create index audit_event_target_idx on audit_event (organization_id, target_type, target_id, seq);
      create index audit_event_time_idx on audit_event (organization_id, occurred_at);
      -- Append-only: the app may read and add, nothing else.
      grant select, insert on audit_event to ${APP_ROLE};

      create function audit_event_append_only() returns trigger language plpgsql as $fn$
      begin
        raise exception 'audit_event is append-only: % is not allowed', tg_op
          using errcode = 'insufficient_privilege';
      end
      $fn$;
      create trigger audit_event_no_update_delete before update or delete on audit_event
        for each row execute function audit_event_append_only();
      create trigger audit_event_no_truncate before truncate on audit_event
        for each statement execute function audit_event_append_only();
    `);

    // Row-level security, forced so that even the tables' owner is subject to it.
    for (const table of ['membership', 'audit_head', 'audit_event']) {
      await q.query(`
        alter table ${table} enable row level security;
        alter table ${table} force row level security;
        create policy ${table}_tenant on ${table}
          using (organization_id = ${CURRENT_ORG_SQL})
          with check (organization_id = ${CURRENT_ORG_SQL});
      `);
    }
    // A signed-in person also sees their own memberships and the organizations they belong to,
    // whatever organization the request names: that is how `me` lists them.
    await q.query(`
      create policy membership_self on membership for select using (user_id = ${CURRENT_USER_SQL});
      alter table organization enable row level security;
      alter table organization force row level security;
      create policy organization_tenant on organization
        using (id = ${CURRENT_ORG_SQL})
        with check (id = ${CURRENT_ORG_SQL});
      create policy organization_member on organization for select using (
        exists (select 1 from membership m where m.organization_id = organization.id and m.user_id = ${CURRENT_USER_SQL})
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table audit_event; drop function audit_event_append_only(); drop table audit_head;
      drop table membership; drop table organization; drop table refresh_token; drop table auth_session;
      drop table app_user;
    `);
  }
}
