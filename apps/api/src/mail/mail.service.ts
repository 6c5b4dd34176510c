import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { canReadSecret, type Role, type SecretGrant } from '@clearpost/authz';
import { randomUUID } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import type { EntityManager } from 'typeorm';
import { decodeKeyCursor, encodeKeyCursor } from '../common/pagination';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Outbox } from '../outbox/outbox.service';
import { SecretBox } from '../secrets/secret-box';
import { MailDelivery, MailStatus, type SentMail, type SentMailConnection } from './mail.models';

export interface Mail {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Values in the body that work on their own (a link's token), and what holding them grants. */
  secret?: { values: string[]; grant: SecretGrant };
}

interface DeliverPayload {
  mailId: string;
}

/** What is sealed in `body_encrypted`. */
interface SealedBody {
  text: string;
  html: string;
  secrets: string[];
}

interface MailRow {
  id: string;
  kind: string;
  to_address: string;
  subject: string;
  text_body: string | null;
  html_body: string | null;
  body_encrypted: string | null;
  secret_grant: SecretGrant | null;
  status: MailStatus;
  transport: MailDelivery;
  created_at: Date;
  created_key: string;
  sent_at: Date | null;
  attempts: number;
  last_error: string | null;
}

export const REDACTED = '[hidden]';

/**
 * Every mail Clearpost sends is a row in `outbound_mail`, written in the transaction of the change
 * that caused it. Its body is kept encrypted (AES-256-GCM) with what its links grant. With
 * SMTP_URL it is delivered through the outbox (retried on failure) and its body dropped once
 * sent. Without SMTP_URL it is kept and shown on the Sent mail page, so a new user can follow an
 * invitation with no mail server — but a link is shown only to a reader who could have issued it
 * (an admin reading an invitation to become an owner sees it redacted).
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly transport: Transporter | null;

  constructor(
    private readonly outbox: Outbox,
    private readonly box: SecretBox,
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
    const sealed: SealedBody = { text: mail.text, html: mail.html, secrets: mail.secret?.values ?? [] };
    await manager.query(
      `insert into outbound_mail (organization_id, id, kind, to_address, subject, body_encrypted, secret_grant, status, transport, sent_at)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, case when $10 then now() end)`,
      [
        organizationId,
        id,
        mail.kind,
        mail.to,
        mail.subject,
        this.box.encrypt(JSON.stringify(sealed), sealContext(organizationId, id)),
        mail.secret ? JSON.stringify(mail.secret.grant) : null,
        stored ? 'STORED' : 'QUEUED',
        this.delivery,
        stored,
      ],
    );
    if (!stored) await this.outbox.add(manager, organizationId, 'mail.deliver', { mailId: id });
    return id;
  }

  /** Mail sent by the organization, newest first, each body as `reader` may see it. */
  async list(manager: EntityManager, organizationId: string, reader: Role, first: number, after: string | undefined): Promise<SentMailConnection> {
    const params: unknown[] = [organizationId, first + 1];
    let keyset = '';
    if (after) {
      const [createdKey, id] = decodeKeyCursor(after, 2);
      params.push(createdKey, id);
      keyset = `and (created_at, id) < ($3::timestamptz, $4::uuid)`;
    }
    const rows = (await manager.query(
      `select id, kind, to_address, subject, text_body, html_body, body_encrypted, secret_grant, status, transport, created_at,
              created_at::text as created_key, sent_at, attempts, last_error
         from outbound_mail where organization_id = $1 ${keyset}
        order by created_at desc, id desc limit $2`,
      params,
    )) as MailRow[];
    const page = rows.slice(0, first);
    const cursor = (row: MailRow) => encodeKeyCursor([row.created_key, row.id]);
    const last = page.at(-1);
    return {
      delivery: MailDelivery[this.delivery],
      edges: page.map((row) => ({ cursor: cursor(row), node: this.toSentMail(organizationId, row, reader) })),
      pageInfo: { hasNextPage: rows.length > first, endCursor: last ? cursor(last) : null },
    };
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  private toSentMail(organizationId: string, row: MailRow, reader: Role): SentMail {
    let text = row.text_body;
    let html = row.html_body;
    let redacted = false;
    if (row.body_encrypted) {
      const body = this.open(organizationId, row.id, row.body_encrypted);
      ({ text, html } = body);
      if (row.secret_grant && !canReadSecret(reader, row.secret_grant)) {
        for (const secret of body.secrets) {
          text = text.replaceAll(secret, REDACTED);
          html = html.replaceAll(secret, REDACTED);
        }
        redacted = body.secrets.length > 0;
      }
    }
    return {
      id: row.id,
      kind: row.kind,
      to: row.to_address,
      subject: row.subject,
      text,
      html,
      redacted,
      status: row.status,
      transport: row.transport,
      createdAt: row.created_at,
      sentAt: row.sent_at,
      attempts: row.attempts,
      lastError: row.last_error,
    };
  }

  private open(organizationId: string, id: string, sealed: string): SealedBody {
    return JSON.parse(this.box.decrypt(sealed, sealContext(organizationId, id))) as SealedBody;
  }

  private async deliver(manager: EntityManager, organizationId: string, mailId: string): Promise<void> {
    const [mail] = (await manager.query(
      `select to_address, subject, text_body, html_body, body_encrypted, status from outbound_mail where organization_id = $1 and id = $2 for update`,
      [organizationId, mailId],
    )) as Array<Pick<MailRow, 'to_address' | 'subject' | 'text_body' | 'html_body' | 'body_encrypted' | 'status'>>;
    if (!mail || mail.status !== 'QUEUED' || !this.transport) return;
    const body = mail.body_encrypted ? this.open(organizationId, mailId, mail.body_encrypted) : { text: mail.text_body, html: mail.html_body };
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to: mail.to_address,
      subject: mail.subject,
      text: body.text ?? undefined,
      html: body.html ?? undefined,
      headers: { 'X-Clearpost-Mail-Id': mailId },
    });
    await manager.query(
      `update outbound_mail set status = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = null,
              text_body = null, html_body = null, body_encrypted = null
        where organization_id = $1 and id = $2`,
      [organizationId, mailId],
    );
  }
}

/** Bound into the ciphertext: a body copied onto another mail row does not decrypt. */
export function sealContext(organizationId: string, mailId: string): string {
  return `outbound_mail:${organizationId}:${mailId}`;
}

/** Escapes text for HTML mail bodies. */
export function escapeHtml(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}
