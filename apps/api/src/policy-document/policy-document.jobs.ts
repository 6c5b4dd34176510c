import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Tx } from '../database/tx';
import { escapeHtml, MailService } from '../mail/mail.service';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { JobHandler, type Job, type JobContext } from '../outbox/job';
import type { PolicyAcknowledgementEntry, PolicyDocumentVersion } from './policy-document.models';
import { PolicyDocumentService } from './policy-document.service';

type Payload = { versionId: string };
interface Reminder {
  organizationName: string;
  version: PolicyDocumentVersion;
  pending: PolicyAcknowledgementEntry[];
}

/**
 * Reminds the staff who have not accepted a version of the policy, the delay its publisher chose
 * after publishing it. All database work: who is pending is read when the job starts, the mails
 * are queued (through the outbox, each its own delivery job) when it records its outcome.
 */
@Injectable()
@JobHandler('policy.reminder')
export class PolicyReminderJob implements Job<Payload, Reminder, Reminder> {
  constructor(
    private readonly documents: PolicyDocumentService,
    private readonly organizations: OrganizationsRepository,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async prepare(tx: Tx, job: JobContext<Payload>): Promise<Reminder | null> {
    const { current } = await this.documents.document(tx, job.organizationId);
    if (!current || current.id !== job.payload.versionId) return null; // superseded: the newer version has its own reminder
    const pending = (await this.documents.acknowledgements(tx, job.organizationId, current.id)).filter((entry) => !entry.acknowledgedAt);
    return { organizationName: (await this.organizations.nameOf(tx, job.organizationId)) ?? '', version: current, pending };
  }

  async perform(_job: JobContext<Payload>, reminder: Reminder): Promise<Reminder> {
    return reminder;
  }

  async succeeded(tx: Tx, job: JobContext<Payload>, { organizationName, version, pending }: Reminder): Promise<void> {
    const link = `${this.config.publicUrl}/policy`;
    for (const person of pending) {
      await this.mail.send(tx, job.organizationId, {
        kind: 'policy_reminder',
        to: person.email,
        subject: `Please accept ${organizationName}’s social media policy (version ${version.version})`,
        text: `Hello ${person.name},\n\n${organizationName} published version ${version.version} of its social media policy${version.changeSummary ? ` (${version.changeSummary})` : ''}. Please read and accept it; until then you cannot submit posts.\n\n${link}\n`,
        html: `<p>Hello ${escapeHtml(person.name)},</p><p>${escapeHtml(organizationName)} published version ${version.version} of its social media policy. Please read and accept it; until then you cannot submit posts.</p><p><a href="${escapeHtml(link)}">Read the policy</a></p>`,
      });
    }
    await this.audit.record(tx, job.organizationId, {
      action: 'policy_document.reminders_sent',
      actorUserId: null,
      targetType: 'policy_document_version',
      targetId: version.id,
      data: { count: pending.length },
    });
  }
}
