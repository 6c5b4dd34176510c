import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, CURRENT_ORG_SQL } from '../roles';

/**
 * Posts and their approval: immutable revisions with a content hash, the policy's findings per
 * target, approval chains (organization, client, account), approvals bound to the hash of the
 * revision approved, the people each review step is waiting for, seatless approval links for a
 * client's approvers, and comments. Every table is under the tenant policy; a client user sees
 * only their client's posts (and, of comments, only those meant for the client).
 */
export class Posts1764320000000 implements MigrationInterface {
  name = 'Posts1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- The client's approvers who have no account: a seatless link goes to each.
      alter table client add column approver_emails text[] not null default '{}';

      create table approval_chain (
        organization_id uuid not null references organization (id),
        id uuid not null,
        scope text not null check (scope in ('ORGANIZATION', 'CLIENT', 'ACCOUNT')),
        scope_id uuid,
        steps jsonb not null,
        reminder_hours int not null default 24 check (reminder_hours between 1 and 720),
        updated_by uuid references app_user (id),
        updated_at timestamptz not null default now(),
        primary key (organization_id, id),
        check ((scope = 'ORGANIZATION') = (scope_id is null))
      );
      create unique index approval_chain_scope on approval_chain (organization_id, scope, coalesce(scope_id, '00000000-0000-0000-0000-000000000000'::uuid));

      create table post (
        organization_id uuid not null references organization (id),
        id uuid not null,
        client_id uuid,
        author_id uuid not null references app_user (id),
        state text not null check (state in ('DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'SCHEDULED', 'REJECTED', 'CANCELLED')),
        revision int not null default 1,
        -- Each submission starts a cycle; approvals count only in the cycle they were given in.
        cycle int not null default 0,
        steps jsonb not null default '[]',
        required jsonb not null default '[]',
        current_step int,
        reminder_hours int not null default 24,
        scheduled_at timestamptz,
        search_text text not null default '',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (organization_id, id),
        foreign key (organization_id, client_id) references client (organization_id, id)
      );
      -- Newest first, keyset on (created_at, id), served by an index for every filter the list has.
      create index post_page on post (organization_id, created_at desc, id desc);
      create index post_client_page on post (organization_id, client_id, created_at desc, id desc);
      create index post_state_page on post (organization_id, state, created_at desc, id desc);
      create index post_author_page on post (organization_id, author_id, created_at desc, id desc);

      create table post_target (
        organization_id uuid not null,
        post_id uuid not null,
        account_id uuid not null,
        post_created_at timestamptz not null,
        primary key (organization_id, post_id, account_id),
        foreign key (organization_id, post_id) references post (organization_id, id),
        foreign key (organization_id, account_id) references social_account (organization_id, id)
      );
      create index post_target_account_page on post_target (organization_id, account_id, post_created_at desc, post_id desc);

      create table post_revision (
        organization_id uuid not null,
        post_id uuid not null,
        number int not null,
        based_on int,
        content jsonb not null,
        canonical text not null,
        content_hash text not null,
        author_id uuid not null references app_user (id),
        created_at timestamptz not null default now(),
        primary key (organization_id, post_id, number),
        foreign key (organization_id, post_id) references post (organization_id, id)
      );

      -- What the policy found on each target when the revision was submitted.
      create table post_check (
        organization_id uuid not null,
        post_id uuid not null,
        revision int not null,
        account_id uuid not null,
        findings jsonb not null,
        blocked boolean not null,
        checked_at timestamptz not null default now(),
        primary key (organization_id, post_id, revision, account_id),
        foreign key (organization_id, post_id) references post (organization_id, id)
      );

      create table post_approval (
        organization_id uuid not null,
        id uuid not null,
        post_id uuid not null,
        cycle int not null,
        step_index int not null,
        step_name text not null,
        revision int not null,
        content_hash text not null,
        decision text not null check (decision in ('APPROVED', 'REJECTED', 'CHANGES_REQUESTED')),
        approver_user_id uuid references app_user (id),
        approver_email text,
        link_id uuid,
        approver_name text not null,
        comment text,
        voided_at timestamptz,
        voided_reason text,
        created_at timestamptz not null default now(),
        primary key (organization_id, id),
        foreign key (organization_id, post_id) references post (organization_id, id),
        check ((approver_user_id is null) <> (approver_email is null))
      );
      -- One person counts once per post and cycle, whatever their roles (the last word after the row lock).
      create unique index post_approval_once on post_approval (organization_id, post_id, cycle, coalesce(approver_user_id::text, approver_email))
        where decision = 'APPROVED' and voided_at is null;
      create index post_approval_post on post_approval (organization_id, post_id, created_at);

      -- Who the current step of a post in review is waiting for (staff and client approvers with an account).
      create table post_awaiting (
        organization_id uuid not null,
        user_id uuid not null references app_user (id),
        post_id uuid not null,
        post_created_at timestamptz not null,
        primary key (organization_id, user_id, post_id),
        foreign key (organization_id, post_id) references post (organization_id, id)
      );
      create index post_awaiting_page on post_awaiting (organization_id, user_id, post_created_at desc, post_id desc);

      create table approval_link (
        organization_id uuid not null,
        id uuid not null,
        post_id uuid not null,
        client_id uuid not null,
        cycle int not null,
        revision int not null,
        step_index int not null,
        email text not null,
        token_hash text not null,
        expires_at timestamptz not null,
        used_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text,
        created_by uuid references app_user (id),
        created_at timestamptz not null default now(),
        primary key (organization_id, id),
        foreign key (organization_id, post_id) references post (organization_id, id)
      );
      create index approval_link_post on approval_link (organization_id, post_id, created_at);

      create table post_comment (
        organization_id uuid not null,
        id uuid not null,
        post_id uuid not null,
        parent_id uuid,
        author_user_id uuid references app_user (id),
        author_email text,
        author_name text not null,
        visibility text not null check (visibility in ('INTERNAL', 'CLIENT')),
        body text not null,
        mentions uuid[] not null default '{}',
        created_at timestamptz not null default now(),
        primary key (organization_id, id),
        foreign key (organization_id, post_id) references post (organization_id, id)
      );
      create index post_comment_post on post_comment (organization_id, post_id, created_at);

      -- A revision, a check, an approval decision and a comment are history: never changed or deleted.
      create function post_history_immutable() returns trigger language plpgsql as $fn$
      begin
        raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = 'insufficient_privilege';
      end
      $fn$;
      create trigger post_revision_immutable before update or delete on post_revision for each row execute function post_history_immutable();
      create trigger post_check_immutable before update or delete on post_check for each row execute function post_history_immutable();
      create trigger post_comment_immutable before update or delete on post_comment for each row execute function post_history_immutable();

      grant select, insert, update on post, post_approval, approval_link to ${APP_ROLE};
      grant select, insert, update, delete on approval_chain to ${APP_ROLE};
      grant select, insert on post_revision, post_check, post_comment to ${APP_ROLE};
      grant select, insert, delete on post_target, post_awaiting to ${APP_ROLE};
    `);

    for (const table of [
      'approval_chain',
      'post',
      'post_target',
      'post_revision',
      'post_check',
      'post_approval',
      'post_awaiting',
      'approval_link',
      'post_comment',
    ]) {
      await q.query(`
        alter table ${table} enable row level security;
        alter table ${table} force row level security;
        create policy ${table}_tenant on ${table}
          using (organization_id = ${CURRENT_ORG_SQL})
          with check (organization_id = ${CURRENT_ORG_SQL});
      `);
    }
    await q.query(`
      -- A client user sees their client's posts only, once submitted (a draft is the agency's work in
      -- progress), and everything hanging off them through the post.
      create policy post_client_scope on post as restrictive
        using ((select app_client_scope()) is null or (client_id = any ((select app_client_scope())::uuid[]) and state <> 'DRAFT'));
      ${['post_target', 'post_revision', 'post_check', 'post_approval', 'approval_link']
        .map(
          (table) => `create policy ${table}_client_scope on ${table} as restrictive
        using ((select app_client_scope()) is null or exists (select 1 from post p where p.organization_id = ${table}.organization_id and p.id = ${table}.post_id));`,
        )
        .join('\n      ')}
      -- ...and of comments, only those meant for the client.
      create policy post_comment_client_scope on post_comment as restrictive
        using ((select app_client_scope()) is null or (visibility = 'CLIENT'
               and exists (select 1 from post p where p.organization_id = post_comment.organization_id and p.id = post_comment.post_id)));
      -- Approval chains and the approval queue are staff business.
      create policy approval_chain_staff on approval_chain as restrictive using ((select app_client_scope()) is null);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table post_comment; drop table approval_link; drop table post_awaiting; drop table post_approval; drop table post_check;
      drop table post_revision; drop table post_target; drop table post; drop table approval_chain;
      drop function post_history_immutable();
      alter table client drop column approver_emails;
    `);
  }
}
