import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';
import { JobHandler, type Job, type JobContext } from '../outbox/job';
import { MailRepository } from './mail.repository';
import { MailService, type OpenedMail } from './mail.service';
import { MailTransport } from './mail.transport';

type Payload = { mailId: string };

/**
 * Delivers one queued mail over SMTP: the body is read (and decrypted) in a short transaction, sent
 * with no transaction open, and the outcome recorded afterwards — the body is dropped once sent.
 * SMTP has no idempotency keys; the mail id travels in a header so duplicates can be spotted.
 */
@Injectable()
@JobHandler('mail.deliver')
export class DeliverMailJob implements Job<Payload, OpenedMail, void> {
  constructor(
    private readonly mails: MailRepository,
    private readonly mail: MailService,
    private readonly transport: MailTransport,
  ) {}

  prepare(tx: Tx, job: JobContext<Payload>): Promise<OpenedMail | null> {
    return this.transport.smtp ? this.mail.openQueued(tx, job.organizationId, job.payload.mailId) : Promise.resolve(null);
  }

  async perform(job: JobContext<Payload>, mail: OpenedMail): Promise<void> {
    await this.transport.smtp?.sendMail({
      from: this.transport.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text ?? undefined,
      html: mail.html ?? undefined,
      headers: { 'X-Clearpost-Mail-Id': job.payload.mailId },
    });
  }

  async succeeded(tx: Tx, job: JobContext<Payload>): Promise<void> {
    await this.mails.markSent(tx, job.organizationId, job.payload.mailId);
  }

  async failed(tx: Tx, job: JobContext<Payload>, error: Error, final: boolean): Promise<void> {
    await this.mails.markAttemptFailed(tx, job.organizationId, job.payload.mailId, error.message, final);
  }
}
