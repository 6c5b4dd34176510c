import { Injectable } from '@nestjs/common';
import type { SecretGrant } from '@clearpost/authz';
import type { Tx } from '../database/tx';
import type { MailDelivery, MailStatus } from './mail.models';

export interface MailRow {
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

/** outbound_mail: every mail Clearpost sends, its body sealed until delivered. */
@Injectable()
export class MailRepository {
  async insert(
    tx: Tx,
    mail: {
      organizationId: string;
      id: string;
      kind: string;
      to: string;
      subject: string;
      sealed: string;
      grant: SecretGrant | null;
      stored: boolean;
      transport: MailDelivery;
    },
  ): Promise<void> {
    await tx.query(
      `insert into outbound_mail (organization_id, id, kind, to_address, subject, body_encrypted, secret_grant, status, transport, sent_at)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, case when $10 then now() end)`,
      [
        mail.organizationId,
        mail.id,
        mail.kind,
        mail.to,
        mail.subject,
        mail.sealed,
        mail.grant ? JSON.stringify(mail.grant) : null,
        mail.stored ? 'STORED' : 'QUEUED',
        mail.transport,
        mail.stored,
      ],
      { name: 'mail.insert' },
    );
  }

  /** Newest first, keyset on (created_at, id): outbound_mail_created_idx serves the order. */
  page(tx: Tx, organizationId: string, limit: number, after: [string, string] | null): Promise<MailRow[]> {
    return tx.many(
      `select id, kind, to_address, subject, text_body, html_body, body_encrypted, secret_grant, status, transport, created_at,
              created_at::text as created_key, sent_at, attempts, last_error
         from outbound_mail where organization_id = $1 ${after ? `and (created_at, id) < ($3::timestamptz, $4::uuid)` : ''}
        order by created_at desc, id desc limit $2`,
      after ? [organizationId, limit, ...after] : [organizationId, limit],
    );
  }

  /** A mail waiting for delivery. */
  queued(tx: Tx, organizationId: string, id: string): Promise<Pick<MailRow, 'to_address' | 'subject' | 'text_body' | 'html_body' | 'body_encrypted'> | null> {
    return tx.one(
      `select to_address, subject, text_body, html_body, body_encrypted from outbound_mail where organization_id = $1 and id = $2 and status = 'QUEUED'`,
      [organizationId, id],
    );
  }

  /** Delivered: the body is not kept. */
  async markSent(tx: Tx, organizationId: string, id: string): Promise<void> {
    await tx.query(
      `update outbound_mail set status = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = null,
              text_body = null, html_body = null, body_encrypted = null
        where organization_id = $1 and id = $2`,
      [organizationId, id],
    );
  }

  async markAttemptFailed(tx: Tx, organizationId: string, id: string, error: string, final: boolean): Promise<void> {
    await tx.query(
      `update outbound_mail set attempts = attempts + 1, last_error = $3, status = case when $4 then 'FAILED' else status end
        where organization_id = $1 and id = $2`,
      [organizationId, id, error.slice(0, 500), final],
    );
  }
}
