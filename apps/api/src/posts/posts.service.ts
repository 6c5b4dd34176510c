import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isClientRole } from '@clearpost/authz';
import { AuditService } from '../audit/audit.service';
import { AuditRepository } from '../audit/audit.repository';
import { badInput, conflict, forbidden, notFound, present } from '../common/errors';
import { decodeKeyCursor, encodeKeyCursor, toConnection } from '../common/pagination';
import type { Tx } from '../database/tx';
import { PolicyChecksService } from '../policies/policy-checks.service';
import type { PolicyFinding } from '../policies/policy.models';
import { PublishingService } from '../publishing/publishing.service';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import { clientMaySee, contentOf, hashContent, policyStepFor, searchTextOf, targetText, toPost, toRevision } from './post-content';
import type {
  CreatePostInput,
  Post,
  PostConnection,
  PostFilter,
  PostRevision,
  PostTargetFindings,
  PostTimelineEntry,
  SchedulePostInput,
  UpdatePostInput,
} from './post.models';
import { PostReviewService } from './post-review.service';
import { step } from './post-transition';
import { PostsRepository, type PostRow, type RevisionContent, type TargetAccount } from './posts.repository';

/** What a client user may see of the timeline: the decisions, not the agency's internal steps. */
const CLIENT_TIMELINE = new Set([
  'post.submitted',
  'post.approved',
  'post.rejected',
  'post.changes_requested',
  'post.scheduled',
  'post.cancelled',
  'post.published',
  'post.publish_failed',
]);

/**
 * Writing posts: drafts, revisions (immutable, hashed, each naming the one it was based on),
 * scheduling and cancelling, and reading them back. The review itself is PostReviewService's.
 */
@Injectable()
export class PostsService {
  constructor(
    private readonly posts: PostsRepository,
    private readonly review: PostReviewService,
    private readonly checks: PolicyChecksService,
    private readonly audit: AuditService,
    private readonly events: AuditRepository,
    private readonly publishing: PublishingService,
  ) {}

  async create(tx: Tx, actor: TenantActor, input: CreatePostInput): Promise<Post> {
    const content = contentOf(input);
    const clientId = await this.assertTargets(tx, actor, content, actor.userId);
    const { canonical, hash } = hashContent(content);
    const id = randomUUID();
    await this.posts.insertPost(tx, { organizationId: actor.organizationId, id, clientId, authorId: actor.userId, searchText: searchTextOf(content) });
    await this.posts.insertRevision(tx, {
      organizationId: actor.organizationId,
      postId: id,
      number: 1,
      basedOn: null,
      content,
      canonical,
      hash,
      authorId: actor.userId,
    });
    await this.posts.setTargets(
      tx,
      actor.organizationId,
      id,
      content.targets.map((t) => t.accountId),
    );
    await this.audit.record(tx, actor.organizationId, {
      action: 'post.created',
      actorUserId: actor.userId,
      targetType: 'post',
      targetId: id,
      data: { revision: 1, contentHash: hash, clientId, targets: content.targets.map((t) => t.accountId) },
    });
    return this.get(tx, actor, id);
  }

  /**
   * A new revision. The save names the revision it was based on: if someone saved in between, it
   * is refused (never a silent overwrite). An edit during or after review voids the approvals
   * given and sends the post back to draft; the timeline says why.
   */
  async update(tx: Tx, actor: TenantActor, input: UpdatePostInput): Promise<Post> {
    const post = await this.lockForWriting(tx, actor, input.postId);
    if (post.revision !== input.basedOnRevision) {
      throw conflict(
        `This post was saved by someone else since you opened it (you edited revision ${input.basedOnRevision}, it is now at revision ${post.revision}). Reload it and apply your changes again.`,
        { currentRevision: post.revision },
      );
    }
    const next = step(post.state, 'edit');
    const content = contentOf(input);
    const clientId = await this.assertTargets(tx, actor, content, post.author_id);
    if (clientId !== post.client_id) throw badInput('targets', 'A post stays with its client: choose accounts of the same client.');
    const { canonical, hash } = hashContent(content);
    const current = await this.posts.revision(tx, actor.organizationId, post.id, post.revision);
    if (current?.content_hash === hash) return this.get(tx, actor, post.id);

    const number = post.revision + 1;
    await this.posts.insertRevision(tx, {
      organizationId: actor.organizationId,
      postId: post.id,
      number,
      basedOn: post.revision,
      content,
      canonical,
      hash,
      authorId: actor.userId,
    });
    await this.posts.setTargets(
      tx,
      actor.organizationId,
      post.id,
      content.targets.map((t) => t.accountId),
    );
    if (post.state !== next) await this.review.stop(tx, actor.organizationId, post, actor.userId, `revision ${number} was saved`, true);
    if (post.state === 'SCHEDULED' || post.state === 'FAILED') {
      await this.publishing.withdraw(tx, actor.organizationId, post.id, actor.userId, `revision ${number} was saved`);
    }
    await this.posts.update(tx, actor.organizationId, post.id, {
      state: next,
      revision: number,
      search_text: searchTextOf(content),
      ...(next === 'DRAFT' ? { current_step: null, scheduled_at: null } : {}),
    });
    await this.audit.record(tx, actor.organizationId, {
      action: 'post.revised',
      actorUserId: actor.userId,
      targetType: 'post',
      targetId: post.id,
      data: { revision: number, basedOn: post.revision, contentHash: hash, from: post.state, to: next },
    });
    return this.get(tx, actor, post.id);
  }

  async cancel(tx: Tx, actor: TenantActor, postId: string): Promise<Post> {
    const post = await this.lockForWriting(tx, actor, postId);
    const next = step(post.state, 'cancel');
    await this.review.stop(tx, actor.organizationId, post, actor.userId, 'the post was cancelled', false);
    await this.publishing.withdraw(tx, actor.organizationId, post.id, actor.userId, 'the post was cancelled');
    await this.posts.update(tx, actor.organizationId, post.id, { state: next, current_step: null, scheduled_at: null });
    await this.audit.record(tx, actor.organizationId, {
      action: 'post.cancelled',
      actorUserId: actor.userId,
      targetType: 'post',
      targetId: post.id,
      data: { from: post.state, revision: post.revision },
    });
    return this.get(tx, actor, post.id);
  }

  /**
   * Sets when an approved post goes out: in the future, and inside every target's posting
   * windows (read in each account's time zone). Moving it is not a change of the approved
   * content, so approvals stand.
   */
  async schedule(tx: Tx, actor: TenantActor, input: SchedulePostInput): Promise<Post> {
    const post = await this.lockForWriting(tx, actor, input.postId);
    const next = step(post.state, 'schedule');
    if (input.scheduledAt.getTime() < Date.now() + 5_000) throw badInput('scheduledAt', 'Choose a time at least a few seconds from now, or publish it now.');
    const view = present(await this.posts.view(tx, actor.organizationId, post.id), 'The post');
    const findings = await this.windowFindings(tx, actor.organizationId, view.content, input.scheduledAt);
    const blocks = findings.filter((f) => f.action === 'BLOCK');
    if (blocks.length) throw badInput('scheduledAt', [...new Set(blocks.map((f) => f.message))].join(' '));
    // A time the approvals did not cover (the hours require another approval): back to review for it.
    const uncovered = findings.filter((f) => !post.steps.some((s) => s.name === policyStepFor(f).name));
    if (uncovered.length) {
      await this.review.reviewAgainAt(tx, actor, post, view, uncovered, input.scheduledAt);
      return this.get(tx, actor, post.id);
    }
    await this.posts.update(tx, actor.organizationId, post.id, { state: next, scheduled_at: input.scheduledAt });
    await this.audit.record(tx, actor.organizationId, {
      action: 'post.scheduled',
      actorUserId: actor.userId,
      targetType: 'post',
      targetId: post.id,
      data: { scheduledAt: input.scheduledAt.toISOString(), previous: post.scheduled_at?.toISOString() ?? null, revision: post.revision },
    });
    await this.publishing.plan(tx, actor.organizationId, view, input.scheduledAt, actor.userId);
    return this.get(tx, actor, post.id);
  }

  /**
   * An approved (or scheduled) post goes out now, if now is inside every target's posting hours.
   * Its time becomes now (the calendar shows it there).
   */
  async publishNow(tx: Tx, actor: TenantActor, postId: string): Promise<Post> {
    const post = await this.lockForWriting(tx, actor, postId);
    const next = step(post.state, 'publish');
    const view = present(await this.posts.view(tx, actor.organizationId, post.id), 'The post');
    const now = new Date();
    const refusals = await this.windowRefusals(tx, actor.organizationId, view.content, now);
    if (refusals.length) throw badInput('postId', refusals.join(' '));
    if (!view.accounts.some((a) => a.kind === 'BRAND')) {
      throw badInput('postId', 'This post goes to personal accounts only: their owners post it themselves, Clearpost does not.');
    }
    await this.posts.update(tx, actor.organizationId, post.id, { state: next, scheduled_at: now });
    await this.audit.record(tx, actor.organizationId, {
      action: 'post.publish_requested',
      actorUserId: actor.userId,
      targetType: 'post',
      targetId: post.id,
      data: { from: post.state, previous: post.scheduled_at?.toISOString() ?? null, revision: post.revision },
    });
    const planned = await this.publishing.plan(tx, actor.organizationId, view, now, actor.userId);
    // Every brand account already has it (published before an edit): the post is out.
    if (!planned) await this.publishing.settle(tx, actor.organizationId, { ...post, state: next });
    return this.get(tx, actor, post.id);
  }

  async unschedule(tx: Tx, actor: TenantActor, postId: string): Promise<Post> {
    const post = await this.lockForWriting(tx, actor, postId);
    const next = step(post.state, 'unschedule');
    await this.publishing.withdraw(tx, actor.organizationId, post.id, actor.userId, 'the post was unscheduled');
    await this.posts.update(tx, actor.organizationId, post.id, { state: next, scheduled_at: null });
    await this.audit.record(tx, actor.organizationId, {
      action: 'post.unscheduled',
      actorUserId: actor.userId,
      targetType: 'post',
      targetId: post.id,
      data: { previous: post.scheduled_at?.toISOString() ?? null },
    });
    return this.get(tx, actor, post.id);
  }

  /** The posting-window findings that stop an approved post from going out at `at`, as messages. */
  async windowRefusals(tx: Tx, organizationId: string, content: RevisionContent, at: Date): Promise<string[]> {
    return [...new Set((await this.windowFindings(tx, organizationId, content, at)).map((f) => f.message))];
  }

  /** The posting-hours findings (BLOCK or REQUIRE_APPROVAL) of every target at `at`. */
  async windowFindings(tx: Tx, organizationId: string, content: RevisionContent, at: Date): Promise<PolicyFinding[]> {
    const out: PolicyFinding[] = [];
    for (const target of content.targets) {
      const result = await this.checks.check(tx, organizationId, {
        accountId: target.accountId,
        text: targetText(content, target.accountId),
        links: content.links,
        media: content.media,
        scheduledAt: at,
      });
      // A time that would need another approval (REQUIRE_APPROVAL) is refused too: the approvals given
      // did not cover it. Choose a time inside the hours, or edit the wished time and resubmit.
      for (const finding of result.findings) {
        if (finding.kind === 'schedule' && (finding.action === 'BLOCK' || finding.action === 'REQUIRE_APPROVAL')) out.push(finding);
      }
    }
    return out;
  }

  async list(tx: Tx, actor: TenantActor, first: number, after: string | undefined, filter: PostFilter): Promise<PostConnection> {
    if (filter.from && filter.to && filter.from >= filter.to) throw badInput('filter.to', 'The end of the period must come after its start.');
    const rows = await this.posts.page(tx, actor.organizationId, {
      limit: first + 1,
      after: after ? (decodeKeyCursor(after, 2) as [string, string]) : null,
      clientId: filter.clientId ?? null,
      accountId: filter.accountId ?? null,
      state: filter.state ?? null,
      authorId: filter.authorId ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      awaiting: filter.awaitingMe ? actor.userId : null,
      search: filter.search?.trim() || null,
    });
    return toConnection(rows, first, (row) => encodeKeyCursor([row.created_key, row.id]), toPost);
  }

  reviewCount(tx: Tx, actor: TenantActor): Promise<number> {
    return this.posts.awaitingCount(tx, actor.organizationId, actor.userId);
  }

  async get(tx: Tx, actor: Pick<TenantActor, 'organizationId'>, postId: string): Promise<Post> {
    const row = await this.posts.view(tx, actor.organizationId, postId);
    if (!row) throw notFound('This post');
    return toPost(row);
  }

  async revisions(tx: Tx, organizationId: string, postId: string): Promise<PostRevision[]> {
    const rows = await this.posts.revisions(tx, organizationId, postId);
    const ids = [...new Set(rows.flatMap((r) => r.content.targets.map((t) => t.accountId)))];
    const accounts = await this.posts.accounts(tx, organizationId, ids);
    return rows.map((row) => toRevision(row, accounts));
  }

  /** The policy's findings per target, from the last submission (client users see what a client may). */
  async findings(tx: Tx, actor: TenantActor, postId: string): Promise<PostTargetFindings[]> {
    const rows = await this.posts.checks(tx, actor.organizationId, postId);
    const client = isClientRole(actor.role);
    return rows.map((row) => ({
      accountId: row.account_id,
      revision: row.revision,
      blocked: row.blocked,
      findings: client ? row.findings.filter(clientMaySee) : row.findings,
    }));
  }

  /** What happened to the post, from the audit trail (client users see the decisions only). */
  async timeline(tx: Tx, actor: TenantActor, postId: string): Promise<PostTimelineEntry[]> {
    const rows = await this.events.page(tx, actor.organizationId, 200, null, { targetType: 'post', targetId: postId });
    const client = isClientRole(actor.role);
    return rows
      .reverse()
      .filter((row) => !client || CLIENT_TIMELINE.has(row.action))
      .map((row) => ({
        action: row.action,
        at: row.occurred_at,
        actorName: row.actor_name ?? (row.data?.viaLink ? String(row.data.email ?? '') : null),
        data: client ? pick(row.data, ['stepName', 'revision', 'scheduledAt', 'reason']) : row.data,
      }));
  }

  /**
   * Locks a post for a change by `actor`: NOT_FOUND when they cannot see it; a member (who posts
   * only from their own handle) changes only their own posts.
   */
  private async lockForWriting(tx: Tx, actor: TenantActor, postId: string): Promise<PostRow> {
    const post = await this.posts.lock(tx, actor.organizationId, postId);
    if (!post) throw notFound('This post');
    if (actor.role === 'MEMBER' && post.author_id !== actor.userId) throw forbidden('As a member, you change only your own posts.');
    return post;
  }

  /**
   * The targets must be active accounts, all of one client (or all the organization's own); a
   * staff (personal) account takes only its owner's posts, and a member writes only for their own
   * handles. Returns the post's client.
   */
  private async assertTargets(tx: Tx, actor: TenantActor, content: RevisionContent, authorId: string): Promise<string | null> {
    const ids = content.targets.map((t) => t.accountId);
    const accounts = await this.posts.accounts(tx, actor.organizationId, ids);
    const byId = new Map(accounts.map((a) => [a.id, a]));
    content.targets.forEach((target, index) => {
      const account = byId.get(target.accountId);
      const field = `targets.${index}.accountId`;
      if (!account) throw badInput(field, 'This account does not exist.');
      if (account.deactivated_at) throw badInput(field, `@${account.handle} is deactivated: it takes no new posts.`);
      if (account.kind === 'STAFF' && account.owner_user_id !== authorId) {
        throw badInput(field, `@${account.handle} is a personal account: only its owner writes posts for it.`);
      }
      if (actor.role === 'MEMBER' && account.kind !== 'STAFF') throw forbidden('As a member, you write posts only for your own personal accounts.');
    });
    const clients = new Set(accounts.map((a: TargetAccount) => a.client_id));
    if (clients.size > 1) throw badInput('targets', 'A post goes to the accounts of one client at a time (or only to the organization’s own).');
    return accounts[0]?.client_id ?? null;
  }
}

function pick(data: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => key in (data ?? {})).map((key) => [key, data[key]]));
}
