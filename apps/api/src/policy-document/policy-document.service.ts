import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isClientRole } from '@clearpost/authz';
import { AuditService } from '../audit/audit.service';
import { AppError, conflict, notFound } from '../common/errors';
import type { Tx } from '../database/tx';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { Outbox } from '../outbox/outbox.service';
import { VersionStatus } from '../policies/policy.models';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import { diffText } from '../versioning/diff';
import type { StoredVersion } from '../versioning/versioned-documents.repository';
import type {
  PolicyAcknowledgement,
  PolicyAcknowledgementEntry,
  PolicyDocument,
  PolicyDocumentStatus,
  PolicyDocumentVersion,
  PostingClearance,
  PublishPolicyDocumentInput,
  UpdatePolicyDocumentDraftInput,
} from './policy-document.models';
import { PolicyDocumentRepository } from './policy-document.repository';

type DocumentVersion = StoredVersion<{ title: string; body: string }>;

const toVersion = (row: DocumentVersion): PolicyDocumentVersion => ({
  id: row.id as string,
  version: row.version,
  title: row.content.title,
  body: row.content.body,
  changeSummary: (row.extra.change_summary as string | null) ?? '',
  status: row.status as VersionStatus,
  reminderAfterHours: (row.extra.reminder_after_hours as number | null) ?? null,
  updatedAt: row.updatedAt,
  publishedAt: row.publishedAt,
  publishedByName: row.publishedByName,
});

/** The error every gated action gives a member who has not accepted the current policy. */
export function policyNotAcknowledged(version: number): AppError {
  return new AppError('FORBIDDEN', `Read and accept the social media policy (version ${version}) before submitting posts.`, {
    reason: 'POLICY_NOT_ACKNOWLEDGED',
  });
}

/**
 * The social media policy as people read it (Markdown, versioned), and who has accepted which
 * version. Staff must accept the current version before they may submit posts; reminders go out
 * through the outbox after the delay the publisher chose (policy-document.jobs.ts). Client users
 * are not bound by it.
 */
@Injectable()
export class PolicyDocumentService {
  constructor(
    private readonly documents: PolicyDocumentRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {}

  async document(tx: Tx, organizationId: string): Promise<PolicyDocument> {
    const rows = await this.documents.versions.versions(tx, organizationId);
    const published = rows.filter((r) => r.status === 'PUBLISHED').map(toVersion);
    const draft = rows.find((r) => r.status === 'DRAFT');
    return { current: published[0] ?? null, draft: draft ? toVersion(draft) : null, versions: published };
  }

  async updateDraft(tx: Tx, actor: TenantActor, input: UpdatePolicyDocumentDraftInput): Promise<PolicyDocumentVersion> {
    // The organization row serializes drafting and publishing.
    await this.organizations.lock(tx, actor.organizationId);
    const { id } = await this.documents.versions.saveDraft(
      tx,
      actor.organizationId,
      null,
      { title: input.title, body: input.body },
      actor.userId,
      randomUUID(),
    );
    if (!id) throw new Error('draft saved without an id');
    await this.audit.record(tx, actor.organizationId, {
      action: 'policy_document.draft_saved',
      actorUserId: actor.userId,
      targetType: 'policy_document_version',
      targetId: id,
      data: { title: input.title, length: input.body.length },
    });
    return this.version(tx, actor.organizationId, id);
  }

  async publish(tx: Tx, actor: TenantActor, input: PublishPolicyDocumentInput): Promise<PolicyDocumentVersion> {
    await this.organizations.lock(tx, actor.organizationId);
    const previous = await this.documents.versions.current(tx, actor.organizationId, null);
    const published = await this.documents.versions.publish(tx, actor.organizationId, null, actor.userId, {
      change_summary: input.changeSummary ?? '',
      reminder_after_hours: input.reminderAfterHours ?? null,
    });
    if (!published?.id) throw conflict('There is no draft to publish. Write the new version first.');
    // Whoever publishes a version has read it: they accept it in the same act.
    await this.documents.acknowledge(tx, actor.organizationId, published.id, actor.userId);
    if (input.reminderAfterHours) {
      await this.outbox.add(tx, actor.organizationId, 'policy.reminder', { versionId: published.id }, input.reminderAfterHours * 3600);
    }
    await this.audit.record(tx, actor.organizationId, {
      action: 'policy_document.published',
      actorUserId: actor.userId,
      targetType: 'policy_document_version',
      targetId: published.id,
      data: {
        version: published.version,
        changeSummary: input.changeSummary ?? '',
        reminderAfterHours: input.reminderAfterHours ?? null,
        acceptedByPublisher: true,
        changes: diffText(previous?.content.body ?? '', published.content.body),
      },
    });
    return toVersion(published);
  }

  async acknowledge(tx: Tx, actor: TenantActor, versionId: string): Promise<PolicyAcknowledgement> {
    const current = (await this.document(tx, actor.organizationId)).current;
    if (!current || current.id !== versionId) {
      if (!(await this.documents.versions.byId(tx, actor.organizationId, versionId))) throw notFound('This policy version');
      throw conflict('This is not the current version of the policy. Accept the current one.');
    }
    const inserted = await this.documents.acknowledge(tx, actor.organizationId, versionId, actor.userId);
    if (inserted) {
      await this.audit.record(tx, actor.organizationId, {
        action: 'policy_document.acknowledged',
        actorUserId: actor.userId,
        targetType: 'policy_document_version',
        targetId: versionId,
        data: { version: current.version },
      });
      return { versionId, acknowledgedAt: inserted.acknowledged_at };
    }
    const existing = await this.documents.acknowledgement(tx, actor.organizationId, versionId, actor.userId);
    if (!existing) throw new Error('acknowledgement not found');
    return { versionId, acknowledgedAt: existing.acknowledged_at };
  }

  /** Every current staff member and when they accepted `versionId` (null: not yet). */
  async acknowledgements(tx: Tx, organizationId: string, versionId: string): Promise<PolicyAcknowledgementEntry[]> {
    const rows = await this.documents.staffAcknowledgements(tx, organizationId, versionId);
    if (!rows) throw notFound('This policy version');
    return rows.map((r) => ({ memberId: r.id, name: r.name, email: r.email, role: r.role, acknowledgedAt: r.acknowledged_at }));
  }

  async status(tx: Tx, actor: TenantActor): Promise<PolicyDocumentStatus> {
    const standing = await this.documents.standing(tx, actor.organizationId, actor.userId);
    const current = standing.current ? toVersion(this.documents.versions.fromJson(standing.current)) : null;
    const last = standing.last ? toVersion(this.documents.versions.fromJson(standing.last)) : null;
    const acknowledgedCurrent = !!current && last?.id === current.id;
    return {
      current,
      mustAcknowledge: !!current && !acknowledgedCurrent && !isClientRole(actor.role),
      acknowledgedAt: acknowledgedCurrent && standing.acknowledged_at ? new Date(standing.acknowledged_at) : null,
      lastAcknowledged: last,
    };
  }

  /** The one check the posting workflow calls before a post is submitted. */
  async clearance(tx: Tx, actor: TenantActor): Promise<PostingClearance> {
    const status = await this.status(tx, actor);
    if (!status.mustAcknowledge || !status.current) return { allowed: true, reason: null, requiredVersionId: null };
    return { allowed: false, reason: policyNotAcknowledged(status.current.version).message, requiredVersionId: status.current.id };
  }

  async assertMayPost(tx: Tx, actor: TenantActor): Promise<void> {
    const status = await this.status(tx, actor);
    if (status.mustAcknowledge && status.current) throw policyNotAcknowledged(status.current.version);
  }

  async version(tx: Tx, organizationId: string, id: string): Promise<PolicyDocumentVersion> {
    const row = await this.documents.versions.byId(tx, organizationId, id);
    if (!row) throw notFound('This policy version');
    return toVersion(row);
  }
}
