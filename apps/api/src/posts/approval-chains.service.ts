import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isClientRole } from '@clearpost/authz';
import { DEFAULT_CHAIN, validateChain, type ApprovalStep } from '@clearpost/post-workflow';
import { AuditService } from '../audit/audit.service';
import { AccountsRepository } from '../accounts/accounts.repository';
import { ClientsRepository } from '../clients/clients.repository';
import { MembersRepository } from '../members/members.repository';
import { badInput, notFound } from '../common/errors';
import type { Tx } from '../database/tx';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import type { ApprovalChain, ChainScope, ClientApproverEmailsInput, SetApprovalChainInput } from './post.models';
import { listChange } from '../versioning/diff';
import { ApprovalsRepository, type ChainRow } from './approvals.repository';
import { PostsRepository } from './posts.repository';

const DEFAULT_REMINDER_HOURS = 24;
const SPECIFICITY: Record<ChainScope, number> = { ACCOUNT: 3, CLIENT: 2, ORGANIZATION: 1 };

function toChain(row: ChainRow | null): ApprovalChain {
  if (!row) return { scope: null, scopeId: null, scopeName: null, steps: DEFAULT_CHAIN, reminderHours: DEFAULT_REMINDER_HOURS, updatedAt: null };
  return { scope: row.scope, scopeId: row.scope_id, scopeName: row.scope_name, steps: row.steps, reminderHours: row.reminder_hours, updatedAt: row.updated_at };
}

/**
 * Who approves what, in which order: a chain for the organization, overridable per client and
 * per account — the most specific wins, and says where it comes from (like effectivePolicy).
 * Without any, the built-in default: one approval by an approver, an admin or an owner.
 */
@Injectable()
export class ApprovalChainsService {
  constructor(
    private readonly approvals: ApprovalsRepository,
    private readonly accounts: AccountsRepository,
    private readonly clients: ClientsRepository,
    private readonly members: MembersRepository,
    private readonly posts: PostsRepository,
    private readonly audit: AuditService,
  ) {}

  /** The chain that applies to an account. */
  async forAccount(tx: Tx, organizationId: string, accountId: string): Promise<ApprovalChain> {
    const rows = await this.approvals.chainsFor(tx, organizationId, accountId);
    const best = [...rows].sort((a, b) => SPECIFICITY[b.scope] - SPECIFICITY[a.scope])[0] ?? null;
    return toChain(best);
  }

  /** The chain that applies to an account that must exist (the query). */
  async forExistingAccount(tx: Tx, organizationId: string, accountId: string): Promise<ApprovalChain> {
    if (!(await this.accounts.get(tx, organizationId, accountId))) throw notFound('This account');
    return this.forAccount(tx, organizationId, accountId);
  }

  /** A client's seatless approvers' emails. */
  async clientApproverEmails(tx: Tx, organizationId: string, clientId: string): Promise<string[]> {
    const emails = await this.posts.clientApproverEmails(tx, organizationId, clientId);
    if (emails === null) throw notFound('This client');
    return emails;
  }

  /** Every chain set in the organization (the default included when none is set for it). */
  async list(tx: Tx, organizationId: string): Promise<ApprovalChain[]> {
    const rows = await this.approvals.chains(tx, organizationId);
    return rows.some((row) => row.scope === 'ORGANIZATION') ? rows.map(toChain) : [toChain(null), ...rows.map(toChain)];
  }

  /** Sets (or, with no steps, removes) the chain of one scope. */
  async set(tx: Tx, actor: TenantActor, input: SetApprovalChainInput): Promise<ApprovalChain> {
    const organizationId = actor.organizationId;
    const scopeId = input.scope === 'ORGANIZATION' ? null : (input.scopeId ?? null);
    if (input.scope !== 'ORGANIZATION') {
      if (!scopeId) throw badInput('scopeId', `Say which ${input.scope === 'CLIENT' ? 'client' : 'account'} this chain is for.`);
      if (input.scope === 'CLIENT' && !(await this.clients.get(tx, organizationId, scopeId))) throw notFound('This client');
      if (input.scope === 'ACCOUNT' && !(await this.accounts.get(tx, organizationId, scopeId))) throw notFound('This account');
    }

    const before = await this.approvals.chain(tx, organizationId, input.scope, scopeId);
    let steps: ApprovalStep[] | null = null;
    if (input.steps) {
      steps = input.steps.map((s) => ({
        name: s.name.trim(),
        approvers: { roles: [...new Set(s.approvers.roles)], memberIds: [...new Set(s.approvers.memberIds)], clientApprovers: s.approvers.clientApprovers },
        mode: s.mode,
        minApprovals: s.minApprovals,
      }));
      const problems = validateChain(steps);
      if (problems.length) throw badInput('steps', problems.join(' '));
      await this.assertStaff(
        tx,
        organizationId,
        steps.flatMap((s) => s.approvers.memberIds),
      );
      await this.approvals.saveChain(tx, organizationId, randomUUID(), input.scope, scopeId, steps, input.reminderHours, actor.userId);
    } else if (!(await this.approvals.deleteChain(tx, organizationId, input.scope, scopeId))) {
      throw notFound('A chain for this scope');
    }
    await this.audit.record(tx, organizationId, {
      action: 'approval_chain.changed',
      actorUserId: actor.userId,
      targetType: input.scope === 'ORGANIZATION' ? 'organization' : input.scope === 'CLIENT' ? 'client' : 'social_account',
      targetId: scopeId ?? organizationId,
      data: { scope: input.scope, before: before?.steps ?? null, after: steps, reminderHours: steps ? input.reminderHours : null },
    });
    // The chain just set; once removed, what the organization falls back to.
    const rows = await this.approvals.chains(tx, organizationId);
    const mine = rows.find((row) => row.scope === input.scope && row.scope_id === scopeId);
    return toChain(mine ?? rows.find((row) => row.scope === 'ORGANIZATION') ?? null);
  }

  /** The emails of a client's approvers who have no account: each gets a seatless link when a step is theirs. */
  async setClientApproverEmails(tx: Tx, actor: TenantActor, input: ClientApproverEmailsInput): Promise<string[]> {
    const current = await this.approvals.lockApproverEmails(tx, actor.organizationId, input.clientId);
    if (current === null) throw notFound('This client');
    const next = [...new Set(input.emails.map((e) => e.trim().toLowerCase()))].sort();
    const change = listChange(current, next);
    if (change) {
      await this.approvals.setApproverEmails(tx, actor.organizationId, input.clientId, next);
      await this.audit.record(tx, actor.organizationId, {
        action: 'client.approvers_changed',
        actorUserId: actor.userId,
        targetType: 'client',
        targetId: input.clientId,
        data: change,
      });
    }
    return next;
  }

  private async assertStaff(tx: Tx, organizationId: string, userIds: string[]): Promise<void> {
    for (const userId of new Set(userIds)) {
      const member = await this.members.active(tx, organizationId, userId);
      if (!member) throw badInput('steps', 'One of the people named is not a member of this organization.');
      if (isClientRole(member.role)) throw badInput('steps', `${member.name} is a client user: use “client approvers” instead.`);
      if (member.role === 'MEMBER') throw badInput('steps', `${member.name} is a member: members do not approve posts.`);
    }
  }
}
