import { Injectable } from '@nestjs/common';
import { canReadSecret, type Role, type SecretGrant } from '@clearpost/authz';
import { randomUUID } from 'node:crypto';
import { decodeKeyCursor, encodeKeyCursor, toConnection } from '../common/pagination';
import type { Tx } from '../database/tx';
import { Outbox } from '../outbox/outbox.service';
import { SecretBox } from '../secrets/secret-box';
import { MailDelivery, type SentMail, type SentMailConnection } from './mail.models';
import { MailRepository, type MailRow } from './mail.repository';
import { MailTransport } from './mail.transport';

export interface Mail {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Values in the body that work on their own (a link's token), and what holding them grants. */
  secret?: { values: string[]; grant: SecretGrant };
}

/** What is sealed in `body_encrypted`. */
interface SealedBody {
  text: string;
  html: string;
  secrets: string[];
}

/** A queued mail, opened for delivery. */
export interface OpenedMail {
  to: string;
  subject: string;
  text: string | null;
  html: string | null;
}

export const REDACTED = '[hidden]';

/**
 * Every mail Clearpost sends is a row in `outbound_mail`, written in the transaction of the change
 * that caused it. Its body is kept encrypted (AES-256-GCM) with what its links grant. With
 * SMTP_URL it is delivered by a job (mail.jobs.ts, retried on failure) and its body dropped once
 * sent. Without SMTP_URL it is kept and shown on the Sent mail page, so a new user can follow an
 * invitation with no mail server — but a link is shown only to a reader who could have issued it
 * (an admin reading an invitation to become an owner sees it redacted).
 */
@Injectable()
export class MailService {
  constructor(
    private readonly mails: MailRepository,
    private readonly outbox: Outbox,
    private readonly box: SecretBox,
    private readonly transport: MailTransport,
  ) {}

  get delivery(): 'SMTP' | 'DATABASE' {
    return this.transport.delivery;
  }

  /** Queues `mail` in the caller's transaction. */
  async send(tx: Tx, organizationId: string, mail: Mail): Promise<string> {
    const id = randomUUID();
    const stored = this.delivery === 'DATABASE';
    const sealed: SealedBody = { text: mail.text, html: mail.html, secrets: mail.secret?.values ?? [] };
    await this.mails.insert(tx, {
      organizationId,
      id,
      kind: mail.kind,
      to: mail.to,
      subject: mail.subject,
      sealed: this.box.encrypt(JSON.stringify(sealed), sealContext(organizationId, id)),
      grant: mail.secret?.grant ?? null,
      stored,
      transport: MailDelivery[this.delivery],
    });
    if (!stored) await this.outbox.add(tx, organizationId, 'mail.deliver', { mailId: id });
    return id;
  }

  /** Mail sent by the organization, newest first, each body as `reader` may see it. */
  async list(tx: Tx, organizationId: string, reader: Role, first: number, after: string | undefined): Promise<SentMailConnection> {
    const rows = await this.mails.page(tx, organizationId, first + 1, after ? (decodeKeyCursor(after, 2) as [string, string]) : null);
    return {
      delivery: MailDelivery[this.delivery],
      ...toConnection(
        rows,
        first,
        (row) => encodeKeyCursor([row.created_key, row.id]),
        (row) => this.toSentMail(organizationId, row, reader),
      ),
    };
  }

  /** A queued mail, decrypted for delivery; null when it is no longer queued. */
  async openQueued(tx: Tx, organizationId: string, mailId: string): Promise<OpenedMail | null> {
    const mail = await this.mails.queued(tx, organizationId, mailId);
    if (!mail) return null;
    const body = mail.body_encrypted ? this.open(organizationId, mailId, mail.body_encrypted) : { text: mail.text_body, html: mail.html_body };
    return { to: mail.to_address, subject: mail.subject, text: body.text, html: body.html };
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
