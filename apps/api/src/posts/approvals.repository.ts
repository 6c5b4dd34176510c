import { Injectable } from '@nestjs/common';
import type { ApprovalStep } from '@clearpost/post-workflow';
import { present } from '../common/errors';
import type { Tx } from '../database/tx';
import type { ChainScope, CommentVisibility, Decision } from './post.models';

export interface ApprovalRow {
  id: string;
  decision: Decision;
  cycle: number;
  step_index: number;
  step_name: string;
  revision: number;
  content_hash: string;
  approver_user_id: string | null;
  approver_email: string | null;
  link_id: string | null;
  approver_name: string;
  comment: string | null;
  created_at: Date;
  voided_at: Date | null;
  voided_reason: string | null;
}

export interface LinkRow {
  id: string;
  post_id: string;
  client_id: string;
  cycle: number;
  revision: number;
  step_index: number;
  email: string;
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  revoked_reason: string | null;
  created_at: Date;
}

export interface CommentRow {
  id: string;
  parent_id: string | null;
  author_user_id: string | null;
  author_email: string | null;
  author_name: string;
  visibility: CommentVisibility;
  body: string;
  mentions: string[];
  created_at: Date;
}

export interface ChainRow {
  scope: ChainScope;
  scope_id: string | null;
  scope_name: string | null;
  steps: ApprovalStep[];
  reminder_hours: number;
  updated_at: Date;
}

/** post_approval, approval_link, post_comment and approval_chain. */
@Injectable()
export class ApprovalsRepository {
  async insertApproval(
    tx: Tx,
    approval: {
      organizationId: string;
      id: string;
      postId: string;
      cycle: number;
      stepIndex: number;
      stepName: string;
      revision: number;
      contentHash: string;
      decision: Decision;
      approverUserId: string | null;
      approverEmail: string | null;
      linkId: string | null;
      approverName: string;
      comment: string | null;
    },
  ): Promise<void> {
    await tx.query(
      `insert into post_approval (organization_id, id, post_id, cycle, step_index, step_name, revision, content_hash, decision, approver_user_id, approver_email, link_id, approver_name, comment)
       values ($1, $2, $3, $4, $5, $14, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        approval.organizationId,
        approval.id,
        approval.postId,
        approval.cycle,
        approval.stepIndex,
        approval.revision,
        approval.contentHash,
        approval.decision,
        approval.approverUserId,
        approval.approverEmail,
        approval.linkId,
        approval.approverName,
        approval.comment,
        approval.stepName,
      ],
    );
  }

  approvals(tx: Tx, organizationId: string, postId: string): Promise<ApprovalRow[]> {
    return tx.many(
      `select id, decision, cycle, step_index, step_name, revision, content_hash, approver_user_id, approver_email, link_id, approver_name, comment, created_at, voided_at, voided_reason
         from post_approval where organization_id = $1 and post_id = $2 order by created_at, id`,
      [organizationId, postId],
    );
  }

  /** The approvals that count in `cycle`: given, not voided. */
  counting(tx: Tx, organizationId: string, postId: string, cycle: number): Promise<ApprovalRow[]> {
    return tx.many(
      `select id, decision, cycle, step_index, step_name, revision, content_hash, approver_user_id, approver_email, link_id, approver_name, comment, created_at, voided_at, voided_reason
         from post_approval where organization_id = $1 and post_id = $2 and cycle = $3 and decision = 'APPROVED' and voided_at is null order by created_at, id`,
      [organizationId, postId, cycle],
    );
  }

  /** Approvals of `cycle` stop counting, with the reason; returns how many did. */
  async void(tx: Tx, organizationId: string, postId: string, cycle: number, reason: string): Promise<number> {
    const { rowCount } = await tx.query(
      `update post_approval set voided_at = now(), voided_reason = $4
        where organization_id = $1 and post_id = $2 and cycle = $3 and decision = 'APPROVED' and voided_at is null`,
      [organizationId, postId, cycle, reason],
    );
    return rowCount;
  }

  async insertLink(
    tx: Tx,
    link: {
      organizationId: string;
      id: string;
      postId: string;
      clientId: string;
      cycle: number;
      revision: number;
      stepIndex: number;
      email: string;
      tokenHash: string;
      ttlDays: number;
      createdBy: string | null;
    },
  ): Promise<Date> {
    const row = await tx.one<{ expires_at: Date }>(
      `insert into approval_link (organization_id, id, post_id, client_id, cycle, revision, step_index, email, token_hash, expires_at, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() + make_interval(days => $10), $11) returning expires_at`,
      [
        link.organizationId,
        link.id,
        link.postId,
        link.clientId,
        link.cycle,
        link.revision,
        link.stepIndex,
        link.email,
        link.tokenHash,
        link.ttlDays,
        link.createdBy,
      ],
    );
    return present(row, 'The new link').expires_at;
  }

  link(tx: Tx, organizationId: string, linkId: string, lock = false): Promise<LinkRow | null> {
    return tx.one(
      `select id, post_id, client_id, cycle, revision, step_index, email, token_hash, expires_at, used_at, revoked_at, revoked_reason, created_at
         from approval_link where organization_id = $1 and id = $2 ${lock ? 'for update' : ''}`,
      [organizationId, linkId],
    );
  }

  links(tx: Tx, organizationId: string, postId: string): Promise<LinkRow[]> {
    return tx.many(
      `select id, post_id, client_id, cycle, revision, step_index, email, token_hash, expires_at, used_at, revoked_at, revoked_reason, created_at
         from approval_link where organization_id = $1 and post_id = $2 order by created_at desc, id`,
      [organizationId, postId],
    );
  }

  async markUsed(tx: Tx, organizationId: string, linkId: string): Promise<boolean> {
    const { rowCount } = await tx.query(
      `update approval_link set used_at = now() where organization_id = $1 and id = $2 and used_at is null and revoked_at is null`,
      [organizationId, linkId],
    );
    return rowCount > 0;
  }

  /** Every link of the post still open stops working; returns their ids. */
  async revokeOpen(tx: Tx, organizationId: string, postId: string, reason: string): Promise<string[]> {
    const rows = await tx.many<{ id: string }>(
      `update approval_link set revoked_at = now(), revoked_reason = $3
        where organization_id = $1 and post_id = $2 and used_at is null and revoked_at is null and expires_at > now() returning id`,
      [organizationId, postId, reason],
    );
    return rows.map((row) => row.id);
  }

  async revoke(tx: Tx, organizationId: string, linkId: string, reason: string): Promise<boolean> {
    const { rowCount } = await tx.query(
      `update approval_link set revoked_at = now(), revoked_reason = $3 where organization_id = $1 and id = $2 and used_at is null and revoked_at is null`,
      [organizationId, linkId, reason],
    );
    return rowCount > 0;
  }

  async insertComment(
    tx: Tx,
    comment: {
      organizationId: string;
      id: string;
      postId: string;
      parentId: string | null;
      authorUserId: string | null;
      authorEmail: string | null;
      authorName: string;
      visibility: CommentVisibility;
      body: string;
      mentions: string[];
    },
  ): Promise<void> {
    await tx.query(
      `insert into post_comment (organization_id, id, post_id, parent_id, author_user_id, author_email, author_name, visibility, body, mentions)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        comment.organizationId,
        comment.id,
        comment.postId,
        comment.parentId,
        comment.authorUserId,
        comment.authorEmail,
        comment.authorName,
        comment.visibility,
        comment.body,
        comment.mentions,
      ],
    );
  }

  comments(tx: Tx, organizationId: string, postId: string, clientOnly = false): Promise<CommentRow[]> {
    return tx.many(
      `select id, parent_id, author_user_id, author_email, author_name, visibility, body, mentions, created_at
         from post_comment where organization_id = $1 and post_id = $2 ${clientOnly ? `and visibility = 'CLIENT'` : ''} order by created_at, id`,
      [organizationId, postId],
    );
  }

  async commentExists(tx: Tx, organizationId: string, postId: string, commentId: string): Promise<boolean> {
    return !!(await tx.one(`select 1 from post_comment where organization_id = $1 and post_id = $2 and id = $3`, [organizationId, postId, commentId]));
  }

  /** The chains that could apply to an account: the organization's, its client's and its own, with the names of their scopes. */
  chainsFor(tx: Tx, organizationId: string, accountId: string): Promise<ChainRow[]> {
    return tx.many(
      `select ch.scope, ch.scope_id, coalesce(c.name, a.display_name) as scope_name, ch.steps, ch.reminder_hours, ch.updated_at
         from approval_chain ch
         left join social_account a on ch.scope = 'ACCOUNT' and a.organization_id = ch.organization_id and a.id = ch.scope_id
         left join client c on ch.scope = 'CLIENT' and c.organization_id = ch.organization_id and c.id = ch.scope_id
        where ch.organization_id = $1
          and (ch.scope = 'ORGANIZATION'
               or (ch.scope = 'ACCOUNT' and ch.scope_id = $2)
               or (ch.scope = 'CLIENT' and ch.scope_id = (select client_id from social_account where organization_id = $1 and id = $2)))`,
      [organizationId, accountId],
    );
  }

  chains(tx: Tx, organizationId: string): Promise<ChainRow[]> {
    return tx.many(
      `select ch.scope, ch.scope_id, coalesce(c.name, a.display_name) as scope_name, ch.steps, ch.reminder_hours, ch.updated_at
         from approval_chain ch
         left join social_account a on ch.scope = 'ACCOUNT' and a.organization_id = ch.organization_id and a.id = ch.scope_id
         left join client c on ch.scope = 'CLIENT' and c.organization_id = ch.organization_id and c.id = ch.scope_id
        where ch.organization_id = $1 order by ch.scope, lower(coalesce(c.name, a.display_name, '')), ch.scope_id`,
      [organizationId],
    );
  }

  chain(tx: Tx, organizationId: string, scope: ChainScope, scopeId: string | null): Promise<ChainRow | null> {
    return tx.one(
      `select scope, scope_id, null as scope_name, steps, reminder_hours, updated_at from approval_chain
        where organization_id = $1 and scope = $2 and scope_id is not distinct from $3::uuid for update`,
      [organizationId, scope, scopeId],
    );
  }

  async saveChain(
    tx: Tx,
    organizationId: string,
    id: string,
    scope: ChainScope,
    scopeId: string | null,
    steps: ApprovalStep[],
    reminderHours: number,
    by: string,
  ): Promise<void> {
    await tx.query(
      `insert into approval_chain (organization_id, id, scope, scope_id, steps, reminder_hours, updated_by)
       values ($1, $2, $3, $4, $5::jsonb, $6, $7)
       on conflict (organization_id, scope, coalesce(scope_id, '00000000-0000-0000-0000-000000000000'::uuid))
       do update set steps = excluded.steps, reminder_hours = excluded.reminder_hours, updated_by = excluded.updated_by, updated_at = now()`,
      [organizationId, id, scope, scopeId, JSON.stringify(steps), reminderHours, by],
    );
  }

  async deleteChain(tx: Tx, organizationId: string, scope: ChainScope, scopeId: string | null): Promise<boolean> {
    const { rowCount } = await tx.query(`delete from approval_chain where organization_id = $1 and scope = $2 and scope_id is not distinct from $3::uuid`, [
      organizationId,
      scope,
      scopeId,
    ]);
    return rowCount > 0;
  }

  /** The client's approver emails, locked for a change (null: no such client). */
  async lockApproverEmails(tx: Tx, organizationId: string, clientId: string): Promise<string[] | null> {
    const row = await tx.one<{ approver_emails: string[] }>(`select approver_emails from client where organization_id = $1 and id = $2 for update`, [
      organizationId,
      clientId,
    ]);
    return row?.approver_emails ?? null;
  }

  async setApproverEmails(tx: Tx, organizationId: string, clientId: string, emails: string[]): Promise<void> {
    await tx.query(`update client set approver_emails = $3 where organization_id = $1 and id = $2`, [organizationId, clientId, emails]);
  }
}
