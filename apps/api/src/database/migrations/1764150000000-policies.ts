import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, CURRENT_ORG_SQL } from '../roles';

/**
 * Policies (versioned rule sets; a published version is immutable), their attachments to the
 * organization, a client or an account, and the social media policy document every member must
 * accept, with acknowledgements.
 */
export class Policies1764150000000 implements MigrationInterface {
  name = 'Policies1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table policy (
        organization_id uuid not null references organization (id),
        id uuid not null,
        name text not null,
        description text not null default '',
        template_id text,
        created_at timestamptz not null default now(),
        created_by uuid references app_user (id),
        primary key (organization_id, id)
      );
      create unique index policy_name_key on policy (organization_id, lower(name));

      create table policy_version (
        organization_id uuid not null,
        policy_id uuid not null,
        version int not null,
        rules jsonb not null,
        status text not null check (status in ('DRAFT', 'PUBLISHED')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        updated_by uuid references app_user (id),
        published_at timestamptz,
        published_by uuid references app_user (id),
        primary key (organization_id, policy_id, version),
        foreign key (organization_id, policy_id) references policy (organization_id, id)
      );
      -- At most one draft per policy.
      create unique index policy_version_one_draft on policy_version (organization_id, policy_id) where status = 'DRAFT';

      -- A published version is immutable, for everyone (also the table owner).
      create function policy_version_published_immutable() returns trigger language plpgsql as $fn$
      begin
        if old.status = 'PUBLISHED' then
          raise exception 'a published policy version is immutable' using errcode = 'insufficient_privilege';
        end if;
        return case when tg_op = 'DELETE' then old else new end;
      end
      $fn$;
      create trigger policy_version_immutable before update or delete on policy_version
        for each row execute function policy_version_published_immutable();

      create table policy_attachment (
        organization_id uuid not null,
        id uuid not null,
        policy_id uuid not null,
        scope text not null check (scope in ('ORGANIZATION', 'CLIENT', 'ACCOUNT')),
        -- The organization's own id for ORGANIZATION scope, so the unique key needs no null.
        target_id uuid not null,
        created_at timestamptz not null default now(),
        created_by uuid references app_user (id),
        primary key (organization_id, id),
        foreign key (organization_id, policy_id) references policy (organization_id, id)
      );
      create unique index policy_attachment_key on policy_attachment (organization_id, policy_id, scope, target_id);
      create index policy_attachment_target_idx on policy_attachment (organization_id, scope, target_id);

      create table policy_document_version (
        organization_id uuid not null references organization (id),
        id uuid not null,
        version int not null,
        title text not null,
        body text not null,
        change_summary text not null default '',
        status text not null check (status in ('DRAFT', 'PUBLISHED')),
        reminder_after_hours int,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        updated_by uuid references app_user (id),
        published_at timestamptz,
        published_by uuid references app_user (id),
        primary key (organization_id, id)
      );
      create unique index policy_document_version_key on policy_document_version (organization_id, version);
      create unique index policy_document_one_draft on policy_document_version (organization_id) where status = 'DRAFT';
      create trigger policy_document_version_immutable before update or delete on policy_document_version
        for each row execute function policy_version_published_immutable();

      create table policy_acknowledgement (
        organization_id uuid not null,
        version_id uuid not null,
        user_id uuid not null references app_user (id),
        acknowledged_at timestamptz not null default now(),
        primary key (organization_id, version_id, user_id),
        foreign key (organization_id, version_id) references policy_document_version (organization_id, id)
      );

      -- Posting windows and blackouts are read in the account's own time zone.
      alter table social_account add column timezone text not null default 'UTC';

      grant select, insert, update on policy, policy_version, policy_document_version to ${APP_ROLE};
      grant select, insert, delete on policy_attachment to ${APP_ROLE};
      grant select, insert on policy_acknowledgement to ${APP_ROLE};
    `);
    for (const table of ['policy', 'policy_version', 'policy_attachment', 'policy_document_version', 'policy_acknowledgement']) {
      await q.query(`
        alter table ${table} enable row level security;
        alter table ${table} force row level security;
        create policy ${table}_tenant on ${table}
          using (organization_id = ${CURRENT_ORG_SQL})
          with check (organization_id = ${CURRENT_ORG_SQL});
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table policy_acknowledgement; drop table policy_document_version; drop table policy_attachment;
      drop table policy_version; drop table policy; drop function policy_version_published_immutable();
      alter table social_account drop column timezone;
    `);
  }
}
