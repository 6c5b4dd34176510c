import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Tx } from '../database/tx';
import { DEFAULT_LOCALE } from '@clearpost/authz';
import { AuthRepository } from '../auth/auth.repository';
import { MailService } from '../mail/mail.service';
import { policyReminderMail } from './reminder-mail';
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
    private readonly people: AuthRepository,
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
    const locales = await this.people.localesOf(
      tx,
      pending.map((person) => person.memberId),
    );
    for (const person of pending) {
      await this.mail.send(
        tx,
        job.organizationId,
        policyReminderMail({
          to: person.email,
          name: person.name,
          organizationName,
          version: version.version,
          changeSummary: version.changeSummary ?? null,
          link,
          locale: locales.get(person.memberId) ?? DEFAULT_LOCALE,
        }),
      );
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
