import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuditService } from '../audit/audit.service';
import { ClientsRepository } from '../clients/clients.repository';
import { badInput, conflict, notFound } from '../common/errors';
import type { Tx } from '../database/tx';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import { PoliciesRepository } from './policies.repository';
import { PolicyAttachmentsRepository } from './policy-attachments.repository';
import type { AttachPolicyInput, PolicyAttachment, PolicyScope } from './policy.models';

/** Where a policy applies: the organization, one client, or one account. */
@Injectable()
export class PolicyAttachmentsService {
  constructor(
    private readonly attachments: PolicyAttachmentsRepository,
    private readonly policies: PoliciesRepository,
    private readonly clients: ClientsRepository,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(tx: Tx, organizationId: string): Promise<PolicyAttachment[]> {
    const rows = await this.attachments.list(tx, organizationId);
    return rows.map((r) => ({
      id: r.id,
      policyId: r.policy_id,
      scope: r.scope,
      targetId: r.target_id,
      targetName: r.target_name ?? '—',
      createdAt: r.created_at,
    }));
  }

  async attach(tx: Tx, actor: TenantActor, input: AttachPolicyInput): Promise<PolicyAttachment> {
    if (!(await this.policies.list(tx, actor.organizationId, input.policyId)).length) throw notFound('This policy');
    if (!(await this.policies.versions.current(tx, actor.organizationId, input.policyId)))
      throw conflict('Publish a version of this policy before attaching it.');
    const targetId = await this.resolveTarget(tx, actor.organizationId, input.scope, input.targetId);
    const id = await this.attachments.insert(tx, {
      organizationId: actor.organizationId,
      id: randomUUID(),
      policyId: input.policyId,
      scope: input.scope,
      targetId,
      createdBy: actor.userId,
    });
    if (!id) throw conflict('This policy is already attached there.');
    await this.audit.record(tx, actor.organizationId, {
      action: 'policy.attached',
      actorUserId: actor.userId,
      targetType: 'policy',
      targetId: input.policyId,
      data: { scope: input.scope, targetId },
    });
    const attachment = (await this.list(tx, actor.organizationId)).find((a) => a.id === id);
    if (!attachment) throw new Error('attachment not found after insert');
    return attachment;
  }

  async detach(tx: Tx, actor: TenantActor, input: AttachPolicyInput): Promise<PolicyAttachment> {
    const targetId = input.scope === 'ORGANIZATION' ? actor.organizationId : input.targetId;
    if (!targetId) throw badInput('targetId', 'Name the client or account.');
    const attachment = (await this.list(tx, actor.organizationId)).find(
      (a) => a.policyId === input.policyId && a.scope === input.scope && a.targetId === targetId,
    );
    if (!attachment) throw notFound('This attachment');
    await this.attachments.delete(tx, actor.organizationId, attachment.id);
    await this.audit.record(tx, actor.organizationId, {
      action: 'policy.detached',
      actorUserId: actor.userId,
      targetType: 'policy',
      targetId: input.policyId,
      data: { scope: input.scope, targetId },
    });
    return attachment;
  }

  private async resolveTarget(tx: Tx, organizationId: string, scope: PolicyScope, targetId: string | undefined): Promise<string> {
    if (scope === 'ORGANIZATION') return organizationId;
    if (!targetId) throw badInput('targetId', scope === 'CLIENT' ? 'Choose the client.' : 'Choose the account.');
    const live =
      scope === 'CLIENT'
        ? (await this.clients.activeAmong(tx, organizationId, [targetId])).length === 1
        : await this.accounts.isActive(tx, organizationId, targetId);
    if (!live) throw badInput('targetId', scope === 'CLIENT' ? 'This client does not exist or is archived.' : 'This account does not exist or is deactivated.');
    return targetId;
  }
}
