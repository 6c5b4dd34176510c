import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isClientRole, type Role } from '@clearpost/authz';
import { AuditService } from '../audit/audit.service';
import { AppError, conflict, notFound } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { escapeHtml, MailService } from '../mail/mail.service';
import { Outbox } from '../outbox/outbox.service';
import { VersionStatus } from '../policies/policy.models';
import type { TenantActor } from '../tenancy/current-actor.decorator';
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

interface VersionRow {
  id: string;
  version: number;
  title: string;
  body: string;
  change_summary: string;
  status: VersionStatus;
  reminder_after_hours: number | null;
  updated_at: Date;
  published_at: Date | null;
  published_by_name: string | null;
}

const SELECT_VERSION = `
  select v.id, v.version, v.title, v.body, v.change_summary, v.status, v.reminder_after_hours, v.updated_at, v.published_at, u.name as published_by_name
    from policy_document_version v left join app_user u on u.id = v.published_by`;

const toVersion = (row: VersionRow): PolicyDocumentVersion => ({
  id: row.id,
  version: row.version,
  title: row.title,
  body: row.body,
  changeSummary: row.change_summary,
  status: row.status,
  reminderAfterHours: row.reminder_after_hours,
  updatedAt: row.updated_at,
  publishedAt: row.published_at,
  publishedByName: row.published_by_name,
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
 * through the outbox after the delay the publisher chose. Client users are not bound by it.
 */
@Injectable()
export class PolicyDocumentService {
  constructor(
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    outbox.register<{ versionId: string }>('policy.reminder', {
      run: (manager, organizationId, payload) => this.sendReminders(manager, organizationId, payload.versionId),
    });
  }

  async document(manager: EntityManager, organizationId: string): Promise<PolicyDocument> {
    const rows = (await manager.query(`${SELECT_VERSION} where v.organization_id = $1 order by v.version desc`, [organizationId])) as VersionRow[];
    const published = rows.filter((r) => r.status === VersionStatus.PUBLISHED).map(toVersion);
    const draft = rows.find((r) => r.status === VersionStatus.DRAFT);
    return { current: published[0] ?? null, draft: draft ? toVersion(draft) : null, versions: published };
  }

  async updateDraft(manager: EntityManager, actor: TenantActor, input: UpdatePolicyDocumentDraftInput): Promise<PolicyDocumentVersion> {
    await this.lockDocument(manager, actor.organizationId);
    const [draft] = (await manager.query(`select id from policy_document_version where organization_id = $1 and status = 'DRAFT'`, [
      actor.organizationId,
    ])) as Array<{ id: string }>;
    let id = draft?.id;
    if (id) {
      await manager.query(
        `update policy_document_version set title = $3, body = $4, updated_at = now(), updated_by = $5 where organization_id = $1 and id = $2`,
        [actor.organizationId, id, input.title, input.body, actor.userId],
      );
    } else {
      id = randomUUID();
      await manager.query(
        `insert into policy_document_version (organization_id, id, version, title, body, status, updated_by)
         select $1, $2, coalesce(max(version), 0) + 1, $3, $4, 'DRAFT', $5 from policy_document_version where organization_id = $1`,
        [actor.organizationId, id, input.title, input.body, actor.userId],
      );
    }
    await this.audit.record(manager, actor.organizationId, {
      action: 'policy_document.draft_saved',
      actorUserId: actor.userId,
      targetType: 'policy_document_version',
      targetId: id,
      data: { title: input.title, length: input.body.length },
    });
    return this.version(manager, actor.organizationId, id);
  }

  async publish(manager: EntityManager, actor: TenantActor, input: PublishPolicyDocumentInput): Promise<PolicyDocumentVersion> {
    await this.lockDocument(manager, actor.organizationId);
    const [draft] = (await manager.query(`select id, version from policy_document_version where organization_id = $1 and status = 'DRAFT'`, [
      actor.organizationId,
    ])) as Array<{ id: string; version: number }>;
    if (!draft) throw conflict('There is no draft to publish. Write the new version first.');
    await manager.query(
      `update policy_document_version set status = 'PUBLISHED', published_at = now(), published_by = $3, change_summary = $4, reminder_after_hours = $5
        where organization_id = $1 and id = $2`,
      [actor.organizationId, draft.id, actor.userId, input.changeSummary ?? '', input.reminderAfterHours ?? null],
    );
    // Whoever publishes a version has read it: they accept it in the same act.
    await manager.query(`insert into policy_acknowledgement (organization_id, version_id, user_id) values ($1, $2, $3) on conflict do nothing`, [
      actor.organizationId,
      draft.id,
      actor.userId,
    ]);
    if (input.reminderAfterHours) {
      await this.outbox.add(manager, actor.organizationId, 'policy.reminder', { versionId: draft.id }, input.reminderAfterHours * 3600);
    }
    await this.audit.record(manager, actor.organizationId, {
      action: 'policy_document.published',
      actorUserId: actor.userId,
      targetType: 'policy_document_version',
      targetId: draft.id,
      data: { version: draft.version, changeSummary: input.changeSummary ?? '', reminderAfterHours: input.reminderAfterHours ?? null, acceptedByPublisher: true },
    });
    return this.version(manager, actor.organizationId, draft.id);
  }

  async acknowledge(manager: EntityManager, actor: TenantActor, versionId: string): Promise<PolicyAcknowledgement> {
    const current = (await this.document(manager, actor.organizationId)).current;
    if (!current || current.id !== versionId) {
      const [exists] = await manager.query(`select 1 from policy_document_version where organization_id = $1 and id = $2`, [actor.organizationId, versionId]);
      if (!exists) throw notFound('This policy version');
      throw conflict('This is not the current version of the policy. Accept the current one.');
    }
    const [inserted] = (await manager.query(
      `insert into policy_acknowledgement (organization_id, version_id, user_id) values ($1, $2, $3)
       on conflict do nothing returning acknowledged_at`,
      [actor.organizationId, versionId, actor.userId],
    )) as Array<{ acknowledged_at: Date }>;
    if (inserted) {
      await this.audit.record(manager, actor.organizationId, {
        action: 'policy_document.acknowledged',
        actorUserId: actor.userId,
        targetType: 'policy_document_version',
        targetId: versionId,
        data: { version: current.version },
      });
      return { versionId, acknowledgedAt: inserted.acknowledged_at };
    }
    const [existing] = (await manager.query(
      `select acknowledged_at from policy_acknowledgement where organization_id = $1 and version_id = $2 and user_id = $3`,
      [actor.organizationId, versionId, actor.userId],
    )) as Array<{ acknowledged_at: Date }>;
    return { versionId, acknowledgedAt: existing.acknowledged_at };
  }

  /** Every current staff member and when they accepted `versionId` (null: not yet). */
  async acknowledgements(manager: EntityManager, organizationId: string, versionId: string): Promise<PolicyAcknowledgementEntry[]> {
    const [version] = await manager.query(`select 1 from policy_document_version where organization_id = $1 and id = $2 and status = 'PUBLISHED'`, [
      organizationId,
      versionId,
    ]);
    if (!version) throw notFound('This policy version');
    const rows = (await manager.query(
      `select u.id, u.name, u.email, m.role, a.acknowledged_at
         from membership m join app_user u on u.id = m.user_id
         left join policy_acknowledgement a on a.organization_id = m.organization_id and a.version_id = $2 and a.user_id = m.user_id
        where m.organization_id = $1 and m.removed_at is null and m.role not in ('CLIENT_APPROVER', 'CLIENT_VIEWER')
        order by a.acknowledged_at is not null, lower(u.name)`,
      [organizationId, versionId],
    )) as Array<{ id: string; name: string; email: string; role: Role; acknowledged_at: Date | null }>;
    return rows.map((r) => ({ memberId: r.id, name: r.name, email: r.email, role: r.role, acknowledgedAt: r.acknowledged_at }));
  }

  async status(manager: EntityManager, actor: TenantActor): Promise<PolicyDocumentStatus> {
    const { current } = await this.document(manager, actor.organizationId);
    const [last] = (await manager.query(
      `select a.version_id, a.acknowledged_at from policy_acknowledgement a
         join policy_document_version v on v.organization_id = a.organization_id and v.id = a.version_id
        where a.organization_id = $1 and a.user_id = $2 order by v.version desc limit 1`,
      [actor.organizationId, actor.userId],
    )) as Array<{ version_id: string; acknowledged_at: Date }>;
    const acknowledgedCurrent = !!current && last?.version_id === current.id;
    return {
      current,
      mustAcknowledge: !!current && !acknowledgedCurrent && !isClientRole(actor.role),
      acknowledgedAt: acknowledgedCurrent ? last.acknowledged_at : null,
      lastAcknowledged: last ? await this.version(manager, actor.organizationId, last.version_id) : null,
    };
  }

  /** The one check the posting workflow calls before a post is submitted. */
  async clearance(manager: EntityManager, actor: TenantActor): Promise<PostingClearance> {
    const status = await this.status(manager, actor);
    if (!status.mustAcknowledge || !status.current) return { allowed: true, reason: null, requiredVersionId: null };
    return { allowed: false, reason: policyNotAcknowledged(status.current.version).message, requiredVersionId: status.current.id };
  }

  async assertMayPost(manager: EntityManager, actor: TenantActor): Promise<void> {
    const status = await this.status(manager, actor);
    if (status.mustAcknowledge && status.current) throw policyNotAcknowledged(status.current.version);
  }

  private async sendReminders(manager: EntityManager, organizationId: string, versionId: string): Promise<void> {
    const { current } = await this.document(manager, organizationId);
    if (!current || current.id !== versionId) return; // superseded: the newer version has its own reminder
    const [organization] = (await manager.query(`select name from organization where id = $1`, [organizationId])) as Array<{ name: string }>;
    const pending = (await this.acknowledgements(manager, organizationId, versionId)).filter((entry) => !entry.acknowledgedAt);
    const link = `${this.config.publicUrl}/policy`;
    for (const person of pending) {
      await this.mail.send(manager, organizationId, {
        kind: 'policy_reminder',
        to: person.email,
        subject: `Please accept ${organization.name}’s social media policy (version ${current.version})`,
        text: `Hello ${person.name},\n\n${organization.name} published version ${current.version} of its social media policy${current.changeSummary ? ` (${current.changeSummary})` : ''}. Please read and accept it; until then you cannot submit posts.\n\n${link}\n`,
        html: `<p>Hello ${escapeHtml(person.name)},</p><p>${escapeHtml(organization.name)} published version ${current.version} of its social media policy. Please read and accept it; until then you cannot submit posts.</p><p><a href="${escapeHtml(link)}">Read the policy</a></p>`,
      });
    }
    await this.audit.record(manager, organizationId, {
      action: 'policy_document.reminders_sent',
      actorUserId: null,
      targetType: 'policy_document_version',
      targetId: versionId,
      data: { count: pending.length },
    });
  }

  private async version(manager: EntityManager, organizationId: string, id: string): Promise<PolicyDocumentVersion> {
    const [row] = (await manager.query(`${SELECT_VERSION} where v.organization_id = $1 and v.id = $2`, [organizationId, id])) as VersionRow[];
    if (!row) throw notFound('This policy version');
    return toVersion(row);
  }

  /** Serializes drafting and publishing per organization (the organization row is the lock). */
  private async lockDocument(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query(`select 1 from organization where id = $1 for update`, [organizationId]);
  }
}
