import { Injectable } from '@nestjs/common';
import type { Role } from '@clearpost/authz';
import type { ApprovalStep, PostState } from '@clearpost/post-workflow';
import type { Tx } from '../database/tx';
import type { PolicyFinding } from '../policies/policy.models';

/** The content of a revision, as stored (and hashed). */
export interface RevisionContent {
  v: 1;
  text: string;
  targets: Array<{ accountId: string; text: string | null }>;
  links: string[];
  media: Array<{ ref: string; alt: string | null; peopleTagged: number; consentRecorded: boolean }>;
  scheduledAt: string | null;
}

export interface PostRow {
  id: string;
  client_id: string | null;
  author_id: string;
  state: PostState;
  revision: number;
  cycle: number;
  steps: ApprovalStep[];
  required: string[][];
  current_step: number | null;
  reminder_hours: number;
  scheduled_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** A post as lists and pages show it: with its current revision, author, client and targets. */
export interface PostViewRow extends PostRow {
  created_key: string;
  author_name: string;
  client_name: string | null;
  content: RevisionContent;
  content_hash: string;
  accounts: TargetAccount[];
}

export interface TargetAccount {
  id: string;
  display_name: string;
  handle: string;
  network: string;
  kind: string;
  timezone: string;
  client_id: string | null;
  owner_user_id: string | null;
  deactivated_at: string | null;
}

export interface RevisionRow {
  number: number;
  based_on: number | null;
  content: RevisionContent;
  content_hash: string;
  author_name: string;
  created_at: Date;
}

export interface CheckRow {
  account_id: string;
  revision: number;
  blocked: boolean;
  findings: PolicyFinding[];
}

export interface PostPageQuery {
  limit: number;
  after: [string, string] | null;
  clientId: string | null;
  accountId: string | null;
  state: PostState | null;
  authorId: string | null;
  from: Date | null;
  to: Date | null;
  /** The user whose queue to list (awaitingMe). */
  awaiting: string | null;
  search: string | null;
}

/** The post's target accounts (TargetAccount), as JSON. */
const TARGET_ACCOUNTS = `
  coalesce((select json_agg(json_build_object('id', a.id, 'display_name', a.display_name, 'handle', a.handle, 'network', a.network, 'kind', a.kind,
                                              'timezone', a.timezone, 'client_id', a.client_id, 'owner_user_id', a.owner_user_id,
                                              'deactivated_at', a.deactivated_at) order by lower(a.display_name), a.id)
              from post_target t join social_account a on a.organization_id = t.organization_id and a.id = t.account_id
             where t.organization_id = p.organization_id and t.post_id = p.id), '[]')`;

const VIEW_COLUMNS = `
  p.id, p.client_id, p.author_id, p.state, p.revision, p.cycle, p.steps, p.required, p.current_step, p.reminder_hours,
  p.scheduled_at, p.created_at, p.updated_at, p.created_at::text as created_key,
  u.name as author_name, c.name as client_name, r.content, r.content_hash,
  ${TARGET_ACCOUNTS} as accounts`;

/** A post's latest revision and targets, as back-testing a policy reads them. */
export interface RecentPostRow {
  id: string;
  state: PostState;
  revision: number;
  updated_at: Date;
  scheduled_at: Date | null;
  content: RevisionContent;
  accounts: TargetAccount[];
}

const VIEW_JOINS = `
  join app_user u on u.id = p.author_id
  left join client c on c.organization_id = p.organization_id and c.id = p.client_id
  join post_revision r on r.organization_id = p.organization_id and r.post_id = p.id and r.number = p.revision`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** post, post_target, post_revision, post_check and post_awaiting. */
@Injectable()
export class PostsRepository {
  /**
   * The latest revision of the organization's most recently changed posts (every state, drafts
   * included), with their target accounts, and how many posts there are in all.
   */
  async recent(tx: Tx, organizationId: string, limit: number): Promise<{ rows: RecentPostRow[]; total: number }> {
    const rows = await tx.many<RecentPostRow & { total: string }>(
      `select p.id, p.state, p.revision, p.updated_at, p.scheduled_at, r.content, ${TARGET_ACCOUNTS} as accounts, count(*) over () as total
         from post p
         join post_revision r on r.organization_id = p.organization_id and r.post_id = p.id and r.number = p.revision
        where p.organization_id = $1
        order by p.updated_at desc, p.id desc
        limit $2`,
      [organizationId, limit],
    );
    return { rows, total: rows.length ? Number(rows[0].total) : 0 };
  }

  async insertPost(tx: Tx, post: { organizationId: string; id: string; clientId: string | null; authorId: string; searchText: string }): Promise<void> {
    await tx.query(`insert into post (organization_id, id, client_id, author_id, state, revision, search_text) values ($1, $2, $3, $4, 'DRAFT', 1, $5)`, [
      post.organizationId,
      post.id,
      post.clientId,
      post.authorId,
      post.searchText,
    ]);
  }

  async insertRevision(
    tx: Tx,
    revision: {
      organizationId: string;
      postId: string;
      number: number;
      basedOn: number | null;
      content: RevisionContent;
      canonical: string;
      hash: string;
      authorId: string;
    },
  ): Promise<void> {
    await tx.query(
      `insert into post_revision (organization_id, post_id, number, based_on, content, canonical, content_hash, author_id) values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)`,
      [
        revision.organizationId,
        revision.postId,
        revision.number,
        revision.basedOn,
        JSON.stringify(revision.content),
        revision.canonical,
        revision.hash,
        revision.authorId,
      ],
    );
  }

  /** The post's targets become exactly `accountIds` (kept for the "by account" list). */
  async setTargets(tx: Tx, organizationId: string, postId: string, accountIds: string[]): Promise<void> {
    // The post's created_at is copied in SQL: a JS Date would drop its microseconds and break the keyset.
    await tx.query(
      `with gone as (delete from post_target where organization_id = $1 and post_id = $2 and not (account_id = any ($3::uuid[])))
       insert into post_target (organization_id, post_id, account_id, post_created_at)
       select $1, $2, unnest($3::uuid[]), (select created_at from post where organization_id = $1 and id = $2) on conflict do nothing`,
      [organizationId, postId, accountIds],
    );
  }

  /** Locks the post for a change: every change to a post queues behind the one before. */
  lock(tx: Tx, organizationId: string, postId: string): Promise<PostRow | null> {
    return tx.one(
      `select id, client_id, author_id, state, revision, cycle, steps, required, current_step, reminder_hours, scheduled_at, created_at, updated_at
         from post where organization_id = $1 and id = $2 for update`,
      [organizationId, postId],
      { name: 'posts.lock' },
    );
  }

  async update(
    tx: Tx,
    organizationId: string,
    postId: string,
    patch: Partial<{
      state: PostState;
      revision: number;
      cycle: number;
      steps: ApprovalStep[];
      required: string[][];
      current_step: number | null;
      reminder_hours: number;
      scheduled_at: Date | null;
      search_text: string;
    }>,
  ): Promise<void> {
    const columns = Object.keys(patch) as Array<keyof typeof patch>;
    const json = new Set(['steps', 'required']);
    const sets = columns.map((column, i) => `${column} = $${i + 3}${json.has(column) ? '::jsonb' : ''}`);
    await tx.query(`update post set ${[...sets, 'updated_at = now()'].join(', ')} where organization_id = $1 and id = $2`, [
      organizationId,
      postId,
      ...columns.map((column) => (json.has(column) ? JSON.stringify(patch[column]) : patch[column])),
    ]);
  }

  view(tx: Tx, organizationId: string, postId: string): Promise<PostViewRow | null> {
    return tx.one(`select ${VIEW_COLUMNS} from post p ${VIEW_JOINS} where p.organization_id = $1 and p.id = $2`, [organizationId, postId], {
      name: 'posts.view',
    });
  }

  /**
   * Newest first, keyset on (created_at, id). The most selective filter picks the index that
   * serves the order (the reader's queue, an account, a client, a state, an author); the others
   * filter the rows it yields.
   */
  page(tx: Tx, organizationId: string, query: PostPageQuery): Promise<PostViewRow[]> {
    const params: unknown[] = [organizationId, query.limit];
    const where: string[] = [];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    let from = 'post p';
    let order = 'p.created_at desc, p.id desc';
    let key = '(p.created_at, p.id)';
    if (query.awaiting) {
      from = 'post_awaiting w join post p on p.organization_id = w.organization_id and p.id = w.post_id';
      where.push('w.organization_id = $1');
      add((n) => `w.user_id = $${n}`, query.awaiting);
      order = 'w.post_created_at desc, w.post_id desc';
      key = '(w.post_created_at, w.post_id)';
    } else if (query.accountId) {
      from = 'post_target t join post p on p.organization_id = t.organization_id and p.id = t.post_id';
      where.push('t.organization_id = $1');
      add((n) => `t.account_id = $${n}`, query.accountId);
      order = 't.post_created_at desc, t.post_id desc';
      key = '(t.post_created_at, t.post_id)';
    } else {
      where.push('p.organization_id = $1');
    }
    if (query.clientId) add((n) => `p.client_id = $${n}`, query.clientId);
    if (query.state) add((n) => `p.state = $${n}`, query.state);
    if (query.authorId) add((n) => `p.author_id = $${n}`, query.authorId);
    if (query.from) add((n) => `p.created_at >= $${n}`, query.from);
    if (query.to) add((n) => `p.created_at < $${n}`, query.to);
    if (query.search) add((n) => `p.search_text like $${n}`, `%${escapeLike(query.search.toLowerCase())}%`);
    if (query.after) {
      params.push(query.after[0], query.after[1]);
      where.push(`${key} < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const plain = !query.awaiting && !query.accountId && !query.clientId && !query.state && !query.authorId && !query.from && !query.to && !query.search;
    return tx.many(
      `select ${VIEW_COLUMNS} from ${from} ${VIEW_JOINS} where ${where.join(' and ')} order by ${order} limit $2`,
      params,
      plain ? { name: query.after ? 'posts.next_page' : 'posts.first_page' } : {},
    );
  }

  revisions(tx: Tx, organizationId: string, postId: string): Promise<RevisionRow[]> {
    return tx.many(
      `select r.number, r.based_on, r.content, r.content_hash, u.name as author_name, r.created_at
         from post_revision r join app_user u on u.id = r.author_id
        where r.organization_id = $1 and r.post_id = $2 order by r.number desc`,
      [organizationId, postId],
    );
  }

  revision(tx: Tx, organizationId: string, postId: string, number: number): Promise<RevisionRow | null> {
    return tx.one(
      `select r.number, r.based_on, r.content, r.content_hash, u.name as author_name, r.created_at
         from post_revision r join app_user u on u.id = r.author_id
        where r.organization_id = $1 and r.post_id = $2 and r.number = $3`,
      [organizationId, postId, number],
    );
  }

  /** The accounts a post may target, with what decides who may post there. */
  accounts(tx: Tx, organizationId: string, accountIds: string[]): Promise<TargetAccount[]> {
    return tx.many(
      `select a.id, a.display_name, a.handle, a.network, a.kind, a.timezone, a.client_id, a.owner_user_id, a.deactivated_at
         from social_account a where a.organization_id = $1 and a.id = any ($2::uuid[])`,
      [organizationId, accountIds],
    );
  }

  async insertChecks(
    tx: Tx,
    organizationId: string,
    postId: string,
    revision: number,
    checks: Array<{ accountId: string; blocked: boolean; findings: PolicyFinding[] }>,
  ): Promise<void> {
    await tx.query(
      `insert into post_check (organization_id, post_id, revision, account_id, blocked, findings)
       select $1, $2, $3, c.account_id, c.blocked, c.findings
         from jsonb_to_recordset($4::jsonb) as c(account_id uuid, blocked boolean, findings jsonb)
       on conflict (organization_id, post_id, revision, account_id) do nothing`,
      [organizationId, postId, revision, JSON.stringify(checks.map((c) => ({ account_id: c.accountId, blocked: c.blocked, findings: c.findings })))],
    );
  }

  /** The findings of the latest checked revision, per target. */
  checks(tx: Tx, organizationId: string, postId: string): Promise<CheckRow[]> {
    return tx.many(
      `select account_id, revision, blocked, findings from post_check
        where organization_id = $1 and post_id = $2 and revision = (select max(revision) from post_check where organization_id = $1 and post_id = $2)`,
      [organizationId, postId],
    );
  }

  /** The members a step may be waiting for: by role, by name, or the client's approvers. */
  candidates(tx: Tx, organizationId: string, step: ApprovalStep, clientId: string | null): Promise<Array<{ user_id: string; role: Role }>> {
    return tx.many(
      `select m.user_id, m.role from membership m
        where m.organization_id = $1 and m.removed_at is null
          and (m.role = any ($2::text[]) or m.user_id = any ($3::uuid[])
               or ($4 and $5::uuid is not null and m.role = 'CLIENT_APPROVER'
                   and exists (select 1 from membership_client mc where mc.organization_id = m.organization_id and mc.user_id = m.user_id and mc.client_id = $5)))
          and m.role not in ('MEMBER', 'CLIENT_VIEWER')
        order by m.user_id`,
      [organizationId, step.approvers.roles, step.approvers.memberIds, step.approvers.clientApprovers, clientId],
    );
  }

  /** A client's seatless approvers' emails; null when there is no such client. */
  async clientApproverEmails(tx: Tx, organizationId: string, clientId: string): Promise<string[] | null> {
    const row = await tx.one<{ approver_emails: string[] }>(`select approver_emails from client where organization_id = $1 and id = $2`, [
      organizationId,
      clientId,
    ]);
    return row?.approver_emails ?? null;
  }

  /** Who the post's current step is waiting for becomes exactly `userIds`. */
  async setAwaiting(tx: Tx, organizationId: string, postId: string, userIds: string[]): Promise<void> {
    await tx.query(
      `with gone as (delete from post_awaiting where organization_id = $1 and post_id = $2 and not (user_id = any ($3::uuid[])))
       insert into post_awaiting (organization_id, user_id, post_id, post_created_at)
       select $1, unnest($3::uuid[]), $2, (select created_at from post where organization_id = $1 and id = $2) on conflict do nothing`,
      [organizationId, postId, userIds],
    );
  }

  async awaitingUsers(tx: Tx, organizationId: string, postId: string): Promise<string[]> {
    const rows = await tx.many<{ user_id: string }>(`select user_id from post_awaiting where organization_id = $1 and post_id = $2 order by user_id`, [
      organizationId,
      postId,
    ]);
    return rows.map((row) => row.user_id);
  }

  async awaitingCount(tx: Tx, organizationId: string, userId: string): Promise<number> {
    const row = await tx.one<{ n: number }>(
      `select count(*)::int as n from post_awaiting w join post p on p.organization_id = w.organization_id and p.id = w.post_id
        where w.organization_id = $1 and w.user_id = $2`,
      [organizationId, userId],
      { name: 'posts.awaiting_count' },
    );
    return row?.n ?? 0;
  }

  /** Names of members, for messages and the steps' "approved by". */
  async names(tx: Tx, userIds: string[]): Promise<Map<string, { name: string; email: string; locale: string | null }>> {
    if (!userIds.length) return new Map();
    const rows = await tx.many<{ id: string; name: string; email: string; locale: string | null }>(
      `select id, name, email, locale from app_user where id = any ($1::uuid[])`,
      [userIds],
    );
    return new Map(rows.map((row) => [row.id, { name: row.name, email: row.email, locale: row.locale }]));
  }
}
