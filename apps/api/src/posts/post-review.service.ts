import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DEFAULT_LOCALE, isClientRole, type Locale } from '@clearpost/authz';
import {
  type PostState,
  alreadyCounted,
  combineSteps,
  currentStep,
  refusal,
  stepComplete,
  type ApprovalStep,
  type Approver,
  type GivenApproval,
} from '@clearpost/post-workflow';
import { AuditService } from '../audit/audit.service';
import { AuthRepository } from '../auth/auth.repository';
import { secretMatches } from '../auth/tokens';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { conflict, forbidden, notFound, present } from '../common/errors';
import { newLinkToken, parseLinkToken, unusableLink } from '../common/link-token';
import type { ClientInfo } from '../common/request';
import type { Tx } from '../database/tx';
import { MailService } from '../mail/mail.service';
import { MembersRepository } from '../members/members.repository';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { Outbox } from '../outbox/outbox.service';
import { PolicyChecksService } from '../policies/policy-checks.service';
import type { PolicyFinding } from '../policies/policy.models';
import { PolicyDocumentService } from '../policy-document/policy-document.service';
import { RateLimitService, type Limit } from '../rate-limit/rate-limit.service';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import { ApprovalChainsService } from './approval-chains.service';
import { ApprovalsRepository, type ApprovalRow, type LinkRow } from './approvals.repository';
import { clientMaySee, policyStepFor, targetText, toPost, toTargets } from './post-content';
import { approvalLinkMail, decisionMail, excerptOf, reviewRequestMail } from './post-mail';
import type { ApprovalLinkActionInput, ApprovalLinkResult, ApprovalLinkView, Decision, PostStep, ReviewPostInput, SubmitPostResult } from './post.models';
import { PublishingService } from '../publishing/publishing.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { PostsRepository, type PostRow, type PostViewRow } from './posts.repository';
import { step } from './post-transition';

/** Who gave a decision: a member, or a seatless client approver through a link. */
interface Decider {
  userId: string | null;
  email: string | null;
  linkId: string | null;
  name: string;
}

const EVENT_OF: Record<Decision, 'approve' | 'reject' | 'requestChanges'> = { APPROVED: 'approve', REJECTED: 'reject', CHANGES_REQUESTED: 'requestChanges' };
const ACTION_OF: Record<Decision, string> = { APPROVED: 'post.approved', REJECTED: 'post.rejected', CHANGES_REQUESTED: 'post.changes_requested' };

const given = (rows: ApprovalRow[]): GivenApproval[] => rows.map((r) => ({ stepIndex: r.step_index, userId: r.approver_user_id, email: r.approver_email }));

const INVALID_LINK = 'This approval link is not valid. Check that you opened the whole link from the mail, or ask the agency for a new one.';

/**
 * The review of a post: submitting it (the policy on each target, then the steps its findings and
 * its targets' chains require), decisions bound to the hash of the revision the approver saw, the
 * people each step waits for, their mail, and the seatless links of a client's approvers. Every
 * decision takes the post's row lock first, so concurrent decisions queue and each sees the last.
 */
@Injectable()
export class PostReviewService {
  private readonly linksPerIp: Limit;

  constructor(
    private readonly posts: PostsRepository,
    private readonly approvals: ApprovalsRepository,
    private readonly chains: ApprovalChainsService,
    private readonly checks: PolicyChecksService,
    private readonly documents: PolicyDocumentService,
    private readonly members: MembersRepository,
    private readonly people: AuthRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly mail: MailService,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly rateLimit: RateLimitService,
    private readonly publishing: PublishingService,
    private readonly webhooks: WebhooksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.linksPerIp = { points: config.signInLimits.perIp, durationSeconds: config.signInLimits.windowSeconds };
  }

  /**
   * Runs each target's effective policy on that target's text. BLOCK findings refuse (the post
   * stays as it was, the findings are returned and kept); otherwise the post enters review with
   * the policy's steps first, then the union of its targets' chains.
   */
  async submit(tx: Tx, actor: TenantActor, postId: string): Promise<SubmitPostResult> {
    const organizationId = actor.organizationId;
    const post = await this.posts.lock(tx, organizationId, postId);
    if (!post) throw notFound('This post');
    if (actor.role === 'MEMBER' && post.author_id !== actor.userId) throw forbidden('As a member, you submit only your own posts.');
    const next = step(post.state, 'submit');
    await this.documents.assertMayPost(tx, actor);
    const view = present(await this.posts.view(tx, organizationId, postId), 'The post');
    const locale = (await this.people.localesOf(tx, [actor.userId])).get(actor.userId) ?? DEFAULT_LOCALE;

    const results: Array<{ accountId: string; blocked: boolean; findings: PolicyFinding[] }> = [];
    for (const target of view.content.targets) {
      const result = await this.checks.check(tx, organizationId, {
        accountId: target.accountId,
        text: targetText(view.content, target.accountId),
        links: view.content.links,
        media: view.content.media,
        scheduledAt: view.content.scheduledAt ? new Date(view.content.scheduledAt) : undefined,
        locale,
      });
      results.push({ accountId: target.accountId, blocked: result.blocked, findings: result.findings });
    }
    await this.posts.insertChecks(tx, organizationId, postId, post.revision, results);
    const findings = results.map((r) => ({ accountId: r.accountId, revision: post.revision, blocked: r.blocked, findings: r.findings }));
    const all = results.flatMap((r) => r.findings);
    const summary = {
      block: all.filter((f) => f.action === 'BLOCK').length,
      requireApproval: all.filter((f) => f.action === 'REQUIRE_APPROVAL').length,
      warn: all.filter((f) => f.action === 'WARN').length,
      monitor: all.filter((f) => f.action === 'MONITOR').length,
    };
    if (results.some((r) => r.blocked)) {
      await this.audit.record(tx, organizationId, {
        action: 'post.submission_blocked',
        actorUserId: actor.userId,
        targetType: 'post',
        targetId: postId,
        data: {
          revision: post.revision,
          contentHash: view.content_hash,
          findings: summary,
          rules: [...new Set(all.filter((f) => f.action === 'BLOCK').map((f) => f.ruleId))],
        },
      });
      return { submitted: false, findings, post: toPost(view) };
    }

    const policySteps = all.filter((f) => f.action === 'REQUIRE_APPROVAL').map(policyStepFor);
    const targetChains = await Promise.all(view.content.targets.map((t) => this.chains.forAccount(tx, organizationId, t.accountId)));
    const steps = combineSteps(
      policySteps,
      targetChains.map((c) => c.steps),
    );
    const required = await this.requiredPeople(tx, organizationId, post, steps);
    const cycle = post.cycle + 1;
    const reminderHours = Math.min(...targetChains.map((c) => c.reminderHours));
    await this.posts.update(tx, organizationId, postId, { state: next, cycle, steps, required, current_step: 0, reminder_hours: reminderHours });
    const submitted: PostRow = { ...post, state: next, cycle, steps, required, current_step: 0, reminder_hours: reminderHours };
    await this.audit.record(tx, organizationId, {
      action: 'post.submitted',
      actorUserId: actor.userId,
      targetType: 'post',
      targetId: postId,
      data: { revision: post.revision, contentHash: view.content_hash, cycle, findings: summary, steps: steps.map((s) => s.name) },
    });
    await this.enterStep(tx, organizationId, submitted, view, 0, [], actor.userId);
    return { submitted: true, findings, post: toPost(present(await this.posts.view(tx, organizationId, postId), 'The post')) };
  }

  /**
   * An approved (or scheduled) post moved to a time its posting hours send to another approval
   * (`findings`: REQUIRE_APPROVAL schedule findings its steps do not cover): back to review for
   * those steps, after the ones already approved (which still count), to go out at `at` once
   * approved. What was planned to go out is withdrawn.
   */
  async reviewAgainAt(tx: Tx, actor: TenantActor, post: PostRow, view: PostViewRow, findings: PolicyFinding[], at: Date): Promise<void> {
    const organizationId = actor.organizationId;
    const next = step(post.state, 'reviewAgain');
    const extra = [...new Map(findings.map((f) => [policyStepFor(f).name, policyStepFor(f)])).values()];
    const steps = [...post.steps, ...extra];
    const required = await this.requiredPeople(tx, organizationId, post, steps);
    const index = post.steps.length;
    await this.publishing.withdraw(tx, organizationId, post.id, actor.userId, 'the new time needs another approval');
    await this.posts.update(tx, organizationId, post.id, { state: next, steps, required, current_step: index, scheduled_at: at });
    await this.audit.record(tx, organizationId, {
      action: 'post.sent_back_to_review',
      actorUserId: actor.userId,
      targetType: 'post',
      targetId: post.id,
      data: {
        revision: post.revision,
        scheduledAt: at.toISOString(),
        previous: post.scheduled_at?.toISOString() ?? null,
        steps: extra.map((s) => s.name),
        reason: [...new Set(findings.map((f) => f.message))].join(' '),
      },
    });
    const counting = await this.approvals.counting(tx, organizationId, post.id, post.cycle);
    await this.enterStep(tx, organizationId, { ...post, state: next, steps, required, current_step: index }, view, index, given(counting), actor.userId);
  }

  /** A member's decision on the step the post is at. */
  async decide(tx: Tx, actor: TenantActor, input: ReviewPostInput, decision: Decision): Promise<PostViewRow> {
    const organizationId = actor.organizationId;
    const post = await this.posts.lock(tx, organizationId, input.postId);
    if (!post) throw notFound('This post');
    step(post.state, EVENT_OF[decision]);
    const view = present(await this.posts.view(tx, organizationId, post.id), 'The post');
    this.assertSameContent(input.contentHash, view);
    const index = present(post.current_step, 'The step under review');
    const who: Approver = {
      kind: 'member',
      userId: actor.userId,
      role: actor.role,
      clientIds: isClientRole(actor.role) ? await this.members.clientIdsOf(tx, organizationId, actor.userId) : [],
    };
    const why = refusal(post.steps[index], who, { authorId: post.author_id, clientId: post.client_id });
    if (why) throw forbidden(why);
    const counting = await this.approvals.counting(tx, organizationId, post.id, post.cycle);
    if (decision === 'APPROVED') {
      if (alreadyCounted(who, given(counting)))
        throw conflict('You have already approved this post in this review: one person counts once, whatever their roles.');
      const required = post.required[index] ?? [];
      if (post.steps[index].mode === 'ALL' && required.length && !required.includes(actor.userId)) {
        throw forbidden('This step waits for the people who could approve it when the post was submitted; you were not one of them.');
      }
    }
    const name = (await this.posts.names(tx, [actor.userId])).get(actor.userId)?.name ?? '';
    await this.record(tx, organizationId, post, view, counting, { userId: actor.userId, email: null, linkId: null, name }, decision, input.comment ?? null, {});
    return present(await this.posts.view(tx, organizationId, post.id), 'The post');
  }

  /**
   * Ends the current review without a decision (an edit, a cancel): the approvals given stop
   * counting (when `voidApprovals`), open links die, nobody is waited for any more.
   */
  async stop(tx: Tx, organizationId: string, post: PostRow, actorUserId: string | null, reason: string, voidApprovals: boolean): Promise<void> {
    if (voidApprovals && post.cycle > 0) {
      const count = await this.approvals.void(tx, organizationId, post.id, post.cycle, reason);
      if (count) {
        await this.audit.record(tx, organizationId, {
          action: 'post.approval_voided',
          actorUserId,
          targetType: 'post',
          targetId: post.id,
          data: { count, reason, cycle: post.cycle, revision: post.revision },
        });
      }
    }
    await this.revokeLinks(tx, organizationId, post.id, actorUserId, reason);
    await this.posts.setAwaiting(tx, organizationId, post.id, []);
  }

  /** The steps of the post's current review, with where each stands. */
  async steps(
    tx: Tx,
    organizationId: string,
    post: { id: string; cycle: number; state: string; steps: ApprovalStep[]; required: string[][]; current_step: number | null },
  ): Promise<PostStep[]> {
    if (post.cycle === 0) return [];
    const counting = await this.approvals.counting(tx, organizationId, post.id, post.cycle);
    const approvals = given(counting);
    return post.steps.map((s, index) => ({
      index,
      name: s.name,
      approvers: s.approvers,
      mode: s.mode,
      minApprovals: s.minApprovals,
      status: stepComplete(s, index, approvals, post.required[index] ?? [])
        ? 'APPROVED'
        : index === post.current_step && post.state === 'IN_REVIEW'
          ? 'WAITING'
          : post.state === 'IN_REVIEW'
            ? 'PENDING'
            : 'STOPPED',
      approvedBy: counting.filter((a) => a.step_index === index).map((a) => a.approver_name),
    }));
  }

  // ------------------------------------------------------------------ seatless links

  /** What a link shows: one post, as it will appear on each network, and what a client may see of it. */
  async linkView(tx: Tx, rawToken: string, client: ClientInfo): Promise<ApprovalLinkView> {
    const { link, organizationId, view } = await this.openLink(tx, rawToken, client);
    const findings = (await this.posts.checks(tx, organizationId, view.id)).flatMap((c) => c.findings.filter(clientMaySee));
    const unique = [...new Map(findings.map((f) => [`${f.ruleId}:${f.message}`, f])).values()];
    const comments = await this.approvals.comments(tx, organizationId, view.id, true);
    return {
      organizationName: (await this.organizations.nameOf(tx, organizationId)) ?? '',
      clientName: view.client_name ?? '',
      email: link.email,
      stepName: view.steps[link.step_index]?.name ?? '',
      expiresAt: link.expires_at,
      contentHash: view.content_hash,
      targets: toTargets(view.content, view.accounts),
      media: view.content.media,
      findings: unique,
      comments: comments.map((c) => ({
        id: c.id,
        parentId: c.parent_id,
        authorName: c.author_name,
        authorId: null,
        visibility: c.visibility,
        body: c.body,
        mentions: [],
        createdAt: c.created_at,
      })),
    };
  }

  /** A seatless approver's decision: single use, bound to the content they saw, audited with the link and the IP. */
  async actOnLink(tx: Tx, input: ApprovalLinkActionInput, client: ClientInfo): Promise<ApprovalLinkResult> {
    // The post's row lock first, as every other change to a post takes it (an edit then revokes the
    // link rows): one order of locks, no deadlock. markUsed is the single-use guard.
    const { link, organizationId, view } = await this.openLink(tx, input.token, client);
    const post = present(await this.posts.lock(tx, organizationId, view.id), 'The post');
    this.assertLinkCurrent(link, post);
    this.assertSameContent(input.contentHash, view);
    const who: Approver = { kind: 'link', email: link.email, clientId: link.client_id };
    const why = refusal(post.steps[link.step_index], who, { authorId: post.author_id, clientId: post.client_id });
    if (why) throw forbidden(why);
    const counting = await this.approvals.counting(tx, organizationId, post.id, post.cycle);
    if (input.decision === 'APPROVED' && alreadyCounted(who, given(counting))) throw unusableLink('USED', 'You have already approved this post.');
    if (!(await this.approvals.markUsed(tx, organizationId, link.id))) throw unusableLink('USED', 'This link has already been used.');
    const trace = { viaLink: true, linkId: link.id, email: link.email, ip: client.ip ?? null };
    await this.audit.record(tx, organizationId, {
      action: 'approval_link.used',
      actorUserId: null,
      targetType: 'approval_link',
      targetId: link.id,
      data: { postId: post.id, decision: input.decision, email: link.email, ip: client.ip ?? null, userAgent: client.userAgent ?? null },
    });
    const state = await this.record(
      tx,
      organizationId,
      post,
      view,
      counting,
      { userId: null, email: link.email, linkId: link.id, name: link.email },
      input.decision,
      input.comment ?? null,
      trace,
    );
    return { decision: input.decision, state };
  }

  /** Staff withdraw a link before it is used. */
  async revokeLink(tx: Tx, actor: TenantActor, linkId: string): Promise<LinkRow> {
    const link = await this.approvals.link(tx, actor.organizationId, linkId, true);
    if (!link) throw notFound('This approval link');
    if (link.used_at) throw conflict('This link has already been used.');
    if (link.revoked_at) throw conflict('This link was already withdrawn.');
    await this.approvals.revoke(tx, actor.organizationId, linkId, 'withdrawn by the agency');
    await this.audit.record(tx, actor.organizationId, {
      action: 'approval_link.revoked',
      actorUserId: actor.userId,
      targetType: 'post',
      targetId: link.post_id,
      data: { linkIds: [linkId], email: link.email, reason: 'withdrawn by the agency' },
    });
    return present(await this.approvals.link(tx, actor.organizationId, linkId), 'The link');
  }

  /** Whether the post is still at step `index` of review `cycle`. */
  async stillWaiting(tx: Tx, organizationId: string, postId: string, cycle: number, index: number): Promise<boolean> {
    const post = await this.posts.view(tx, organizationId, postId);
    return !!post && post.state === 'IN_REVIEW' && post.cycle === cycle && post.current_step === index;
  }

  /** Mails a reminder to whoever the step still waits for (the reminder job). */
  async remind(tx: Tx, organizationId: string, postId: string, cycle: number, index: number): Promise<number> {
    const post = await this.posts.view(tx, organizationId, postId);
    if (!post || post.state !== 'IN_REVIEW' || post.cycle !== cycle || post.current_step !== index) return 0;
    const waiting = await this.posts.awaitingUsers(tx, organizationId, postId);
    await this.mailReviewers(tx, organizationId, post, waiting, post.steps[index].name, 'reminder');
    if (waiting.length) {
      await this.audit.record(tx, organizationId, {
        action: 'post.review_reminded',
        actorUserId: null,
        targetType: 'post',
        targetId: postId,
        data: { stepIndex: index, stepName: post.steps[index].name, count: waiting.length },
      });
    }
    return waiting.length;
  }

  // ------------------------------------------------------------------ inside

  /** Records a decision and moves the post on: to the next step, to APPROVED (or SCHEDULED), or out of review. */
  private async record(
    tx: Tx,
    organizationId: string,
    post: PostRow,
    view: PostViewRow,
    counting: ApprovalRow[],
    by: Decider,
    decision: Decision,
    comment: string | null,
    trace: Record<string, unknown>,
  ): Promise<PostState> {
    const index = present(post.current_step, 'The step under review');
    const stepName = post.steps[index].name;
    const id = randomUUID();
    await this.approvals.insertApproval(tx, {
      organizationId,
      id,
      postId: post.id,
      cycle: post.cycle,
      stepIndex: index,
      stepName,
      revision: post.revision,
      contentHash: view.content_hash,
      decision,
      approverUserId: by.userId,
      approverEmail: by.email,
      linkId: by.linkId,
      approverName: by.name,
      comment,
    });
    const base = { stepIndex: index, stepName, revision: post.revision, contentHash: view.content_hash, cycle: post.cycle, comment, ...trace };
    if (decision !== 'APPROVED') {
      const state = step(post.state, EVENT_OF[decision]);
      await this.posts.update(tx, organizationId, post.id, { state, current_step: null });
      await this.audit.record(tx, organizationId, { action: ACTION_OF[decision], actorUserId: by.userId, targetType: 'post', targetId: post.id, data: base });
      await this.stop(tx, organizationId, post, by.userId, decision === 'REJECTED' ? 'the post was rejected' : 'changes were requested', false);
      await this.mailAuthor(tx, organizationId, view, decision, by.name, comment);
      return state;
    }

    const approvals = [...given(counting), { stepIndex: index, userId: by.userId, email: by.email }];
    const nextIndex = currentStep(post.steps, approvals, post.required);
    if (nextIndex === null) {
      // A time the post was moved to (and sent back to review for) wins over the one wished when written.
      const wished = post.scheduled_at ?? (view.content.scheduledAt ? new Date(view.content.scheduledAt) : null);
      const scheduled = wished && wished.getTime() > Date.now() + 30_000 ? wished : null;
      const state = scheduled ? step(step(post.state, 'approveLast'), 'schedule') : step(post.state, 'approveLast');
      await this.posts.update(tx, organizationId, post.id, { state, current_step: null, scheduled_at: scheduled });
      await this.audit.record(tx, organizationId, {
        action: 'post.approved',
        actorUserId: by.userId,
        targetType: 'post',
        targetId: post.id,
        data: { ...base, complete: true },
      });
      if (scheduled) {
        await this.audit.record(tx, organizationId, {
          action: 'post.scheduled',
          actorUserId: by.userId,
          targetType: 'post',
          targetId: post.id,
          data: { scheduledAt: scheduled.toISOString(), previous: null, revision: post.revision, automatic: true },
        });
        await this.publishing.plan(tx, organizationId, view, scheduled, by.userId);
      }
      await this.webhooks.emit(tx, organizationId, 'post.approved', {
        postId: post.id,
        revision: post.revision,
        contentHash: view.content_hash,
        clientId: view.client_id,
        scheduledAt: scheduled?.toISOString() ?? null,
      });
      await this.revokeLinks(tx, organizationId, post.id, by.userId, 'the post was approved');
      await this.posts.setAwaiting(tx, organizationId, post.id, []);
      await this.mailAuthor(tx, organizationId, view, 'APPROVED', by.name, comment);
      return state;
    }
    await this.audit.record(tx, organizationId, {
      action: 'post.approved',
      actorUserId: by.userId,
      targetType: 'post',
      targetId: post.id,
      data: { ...base, complete: false },
    });
    if (nextIndex !== index) {
      await this.posts.update(tx, organizationId, post.id, { current_step: nextIndex });
      await this.revokeLinks(tx, organizationId, post.id, by.userId, `step “${stepName}” is complete`);
      await this.enterStep(tx, organizationId, { ...post, current_step: nextIndex }, view, nextIndex, approvals, by.userId);
    } else {
      // Still this step (ALL, or several approvals): stop waiting for this approver only.
      const waiting = await this.posts.awaitingUsers(tx, organizationId, post.id);
      await this.posts.setAwaiting(
        tx,
        organizationId,
        post.id,
        waiting.filter((id) => id !== by.userId),
      );
    }
    return 'IN_REVIEW';
  }

  /** A step begins: who it waits for, their mail, the client's seatless links, and the reminder. */
  private async enterStep(
    tx: Tx,
    organizationId: string,
    post: PostRow,
    view: PostViewRow,
    index: number,
    approvals: GivenApproval[],
    actorUserId: string | null,
  ): Promise<void> {
    const current = post.steps[index];
    const counted = (who: Approver) => alreadyCounted(who, approvals);
    const candidates = (await this.posts.candidates(tx, organizationId, current, post.client_id)).filter(
      (c) => c.user_id !== post.author_id && !counted({ kind: 'member', userId: c.user_id, role: c.role, clientIds: [] }),
    );
    const required = post.required[index] ?? [];
    const waiting = candidates.map((c) => c.user_id).filter((id) => current.mode !== 'ALL' || !required.length || required.includes(id));
    await this.posts.setAwaiting(tx, organizationId, post.id, waiting);
    await this.mailReviewers(tx, organizationId, view, waiting, current.name, 'request');

    const clientId = post.client_id;
    if (current.approvers.clientApprovers && clientId) {
      const emails = ((await this.posts.clientApproverEmails(tx, organizationId, clientId)) ?? []).filter(
        (email) => !counted({ kind: 'link', email, clientId }),
      );
      for (const email of emails) await this.issueLink(tx, organizationId, post, view, index, email, actorUserId);
    }
    await this.outbox.add(tx, organizationId, 'post.review_reminder', { postId: post.id, cycle: post.cycle, step: index }, post.reminder_hours * 3600);
  }

  private async issueLink(
    tx: Tx,
    organizationId: string,
    post: PostRow,
    view: PostViewRow,
    index: number,
    email: string,
    actorUserId: string | null,
  ): Promise<void> {
    const id = randomUUID();
    const token = newLinkToken(organizationId, id);
    const expiresAt = await this.approvals.insertLink(tx, {
      organizationId,
      id,
      postId: post.id,
      clientId: present(post.client_id, 'The post’s client'),
      cycle: post.cycle,
      revision: post.revision,
      stepIndex: index,
      email,
      tokenHash: token.hash,
      ttlDays: this.config.approvalLinkTtlDays,
      createdBy: actorUserId,
    });
    await this.mail.send(
      tx,
      organizationId,
      approvalLinkMail(
        {
          to: email,
          // A seatless approver has no language on file: the author's, who writes for this client.
          locale: (await this.people.localesOf(tx, [post.author_id])).get(post.author_id) ?? DEFAULT_LOCALE,
          organizationName: (await this.organizations.nameOf(tx, organizationId)) ?? '',
          clientName: view.client_name ?? '',
          excerpt: excerptOf(view.content.text),
          stepName: post.steps[index].name,
          expiresAt,
          link: `${this.config.publicUrl}/approve#token=${token.value}`,
        },
        token.value,
      ),
    );
    await this.audit.record(tx, organizationId, {
      action: 'approval_link.issued',
      actorUserId,
      targetType: 'post',
      targetId: post.id,
      data: { linkId: id, email, stepIndex: index, revision: post.revision, expiresAt: expiresAt.toISOString() },
    });
  }

  private async revokeLinks(tx: Tx, organizationId: string, postId: string, actorUserId: string | null, reason: string): Promise<void> {
    const ids = await this.approvals.revokeOpen(tx, organizationId, postId, reason);
    if (ids.length) {
      await this.audit.record(tx, organizationId, {
        action: 'approval_link.revoked',
        actorUserId,
        targetType: 'post',
        targetId: postId,
        data: { linkIds: ids, reason },
      });
    }
  }

  /**
   * For ALL steps, the people who must each approve, fixed when the post is submitted; for every
   * step, a check that enough people may approve it at all (the author never does).
   */
  private async requiredPeople(tx: Tx, organizationId: string, post: PostRow, steps: ApprovalStep[]): Promise<string[][]> {
    const required: string[][] = [];
    for (const s of steps) {
      const members = (await this.posts.candidates(tx, organizationId, s, post.client_id)).map((c) => c.user_id).filter((id) => id !== post.author_id);
      const emails = s.approvers.clientApprovers && post.client_id ? ((await this.posts.clientApproverEmails(tx, organizationId, post.client_id)) ?? []) : [];
      const eligible = members.length + emails.length;
      const needed = s.mode === 'ALL' ? 1 : s.minApprovals;
      if (eligible < needed) {
        throw conflict(
          `Step “${s.name}” needs ${needed} approval${needed > 1 ? 's' : ''} but only ${eligible} ${eligible === 1 ? 'person' : 'people'} other than the author may give ${needed > 1 ? 'them' : 'it'}. Change the approval chain or add approvers.`,
          { step: s.name },
        );
      }
      required.push(s.mode === 'ALL' ? [...members, ...emails.map((e) => `email:${e}`)] : []);
    }
    return required;
  }

  private assertSameContent(contentHash: string, view: PostViewRow): void {
    if (contentHash !== view.content_hash) {
      throw conflict('This post changed since you opened it. Read the current version before deciding.', {
        currentRevision: view.revision,
        contentHash: view.content_hash,
      });
    }
  }

  private assertLinkCurrent(link: LinkRow, post: Pick<PostRow, 'state' | 'cycle' | 'revision' | 'current_step'>): void {
    if (post.state !== 'IN_REVIEW' || post.cycle !== link.cycle || post.revision !== link.revision || post.current_step !== link.step_index) {
      throw unusableLink('REVOKED', 'This post is no longer waiting for your approval: it changed or was decided since this link was sent.');
    }
  }

  private async openLink(tx: Tx, rawToken: string, client: ClientInfo): Promise<{ link: LinkRow; organizationId: string; view: PostViewRow }> {
    await this.rateLimit.consume('approval-link-ip', this.linksPerIp, client.ip ?? 'unknown');
    const token = parseLinkToken(rawToken);
    if (!token) throw unusableLink('INVALID', INVALID_LINK);
    // The link names its organization; acting for no user, RLS keeps every statement inside it.
    await tx.rescope({ organizationId: token.organizationId, userId: null });
    const link = await this.approvals.link(tx, token.organizationId, token.id);
    if (!link || !secretMatches(token.secret, link.token_hash)) throw unusableLink('INVALID', INVALID_LINK);
    if (link.used_at) throw unusableLink('USED', 'This link has already been used. Thank you — your answer was recorded.');
    if (link.revoked_at) throw unusableLink('REVOKED', `This link no longer works: ${link.revoked_reason ?? 'it was withdrawn'}.`);
    if (link.expires_at.getTime() <= Date.now()) throw unusableLink('EXPIRED', 'This link has expired. Ask the agency to send the post again.');
    const view = await this.posts.view(tx, token.organizationId, link.post_id);
    if (!view) throw unusableLink('INVALID', INVALID_LINK);
    this.assertLinkCurrent(link, view);
    return { link, organizationId: token.organizationId, view };
  }

  private async mailReviewers(
    tx: Tx,
    organizationId: string,
    view: PostViewRow,
    userIds: string[],
    stepName: string,
    kind: 'request' | 'reminder',
  ): Promise<void> {
    if (!userIds.length) return;
    const people = await this.posts.names(tx, userIds);
    const organizationName = (await this.organizations.nameOf(tx, organizationId)) ?? '';
    for (const userId of userIds) {
      const person = people.get(userId);
      if (!person) continue;
      await this.mail.send(
        tx,
        organizationId,
        reviewRequestMail({
          kind,
          to: person.email,
          locale: (person.locale as Locale | null) ?? DEFAULT_LOCALE,
          organizationName,
          excerpt: excerptOf(view.content.text),
          authorName: view.author_name,
          stepName,
          link: `${this.config.publicUrl}/posts/${view.id}`,
        }),
      );
    }
  }

  private async mailAuthor(tx: Tx, organizationId: string, view: PostViewRow, decision: Decision, by: string, comment: string | null): Promise<void> {
    const author = (await this.posts.names(tx, [view.author_id])).get(view.author_id);
    if (!author) return;
    await this.mail.send(
      tx,
      organizationId,
      decisionMail({
        to: author.email,
        locale: (author.locale as Locale | null) ?? DEFAULT_LOCALE,
        organizationName: (await this.organizations.nameOf(tx, organizationId)) ?? '',
        excerpt: excerptOf(view.content.text),
        decision,
        by,
        comment,
        link: `${this.config.publicUrl}/posts/${view.id}`,
      }),
    );
  }
}
