import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Outbox } from '../outbox/outbox.service';

export interface Mail {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

interface DeliverPayload {
  mailId: string;
}

/**
 * Every mail Clearpost sends is a row in `outbound_mail`, written in the transaction of the change
 * that caused it. With SMTP_URL it is delivered through the outbox (retried on failure) and its
 * body dropped once sent, so links in it (invitation tokens) are not kept readable. Without
 * SMTP_URL it is kept, body and all, and shown on the Sent mail page to admins: a new user can
 * follow an invitation with no mail server.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly transport: Transporter | null;

  constructor(
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.transport = config.smtpUrl ? createTransport(config.smtpUrl) : null;
    outbox.register<DeliverPayload>('mail.deliver', {
      run: (manager, organizationId, payload) => this.deliver(manager, organizationId, payload.mailId),
      failed: async (manager, organizationId, payload, error, final) => {
        await manager.query(
          `update outbound_mail set attempts = attempts + 1, last_error = $3, status = case when $4 then 'FAILED' else status end
            where organization_id = $1 and id = $2`,
          [organizationId, payload.mailId, error.message.slice(0, 500), final],
        );
      },
    });
  }

  get delivery(): 'SMTP' | 'DATABASE' {
    return this.transport ? 'SMTP' : 'DATABASE';
  }

  /** Queues `mail` in the caller's transaction. */
  async send(manager: EntityManager, organizationId: string, mail: Mail): Promise<string> {
    const id = randomUUID();
    const stored = !this.transport;
    await manager.query(
      `insert into outbound_mail (organization_id, id, kind, to_address, subject, text_body, html_body, status, transport, sent_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, case when $10 then now() end)`,
      [organizationId, id, mail.kind, mail.to, mail.subject, mail.text, mail.html, stored ? 'STORED' : 'QUEUED', this.delivery, stored],
    );
    if (!stored) await this.outbox.add(manager, organizationId, 'mail.deliver', { mailId: id });
    return id;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  private async deliver(manager: EntityManager, organizationId: string, mailId: string): Promise<void> {
    const [mail] = (await manager.query(
      `select to_address, subject, text_body, html_body, status from outbound_mail where organization_id = $1 and id = $2 for update`,
      [organizationId, mailId],
    )) as Array<{ to_address: string; subject: string; text_body: string | null; html_body: string | null; status: string }>;
    if (!mail || mail.status !== 'QUEUED' || !this.transport) return;
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to: mail.to_address,
      subject: mail.subject,
      text: mail.text_body ?? undefined,
      html: mail.html_body ?? undefined,
      headers: { 'X-Clearpost-Mail-Id': mailId },
    });
    await manager.query(
      `update outbound_mail set status = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = null, text_body = null, html_body = null
        where organization_id = $1 and id = $2`,
      [organizationId, mailId],
    );
  }
}

/** Escapes text for HTML mail bodies. */
export function escapeHtml(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}
