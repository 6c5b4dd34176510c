import { Injectable } from '@nestjs/common';
import type { Locale, Role } from '@clearpost/authz';
import type { Tx } from '../database/tx';

export interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  client_ids: string[];
  clients: Array<{ id: string; name: string }>;
  token_hash: string;
  invited_by_name: string;
  created_at: Date;
  expires_at: Date;
  last_sent_at: Date;
  sent_count: number;
  accepted_at: Date | null;
  revoked_at: Date | null;
  locale: Locale;
}

const SELECT_INVITATION = `
  select i.id, i.email, i.role, i.client_ids, i.token_hash, u.name as invited_by_name, i.created_at, i.expires_at,
         i.last_sent_at, i.sent_count, i.accepted_at, i.revoked_at, i.locale,
         coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name) order by lower(c.name))
                     from client c where c.organization_id = i.organization_id and c.id = any (i.client_ids)), '[]') as clients
    from invitation i join app_user u on u.id = i.invited_by`;

/** invitation: who was invited, with which role and clients, and the hash of their link's secret. */
@Injectable()
export class InvitationsRepository {
  /** Not yet accepted or revoked (pending and expired), newest first. */
  open(tx: Tx, organizationId: string): Promise<InvitationRow[]> {
    return tx.many(
      `${SELECT_INVITATION} where i.organization_id = $1 and i.accepted_at is null and i.revoked_at is null order by i.created_at desc, i.id desc`,
      [organizationId],
    );
  }

  /** A page of open invitations, newest first, keyset on (created_at, id): invitation_open_order serves the order. */
  page(tx: Tx, organizationId: string, limit: number, after: [string, string] | null): Promise<Array<InvitationRow & { created_key: string }>> {
    return tx.many(
      `${SELECT_INVITATION.replace('select i.id,', 'select i.created_at::text as created_key, i.id,')}
        where i.organization_id = $1 and i.accepted_at is null and i.revoked_at is null
          ${after ? 'and (i.created_at, i.id) < ($3::timestamptz, $4::uuid)' : ''}
        order by i.created_at desc, i.id desc limit $2`,
      after ? [organizationId, limit, ...after] : [organizationId, limit],
    );
  }

  get(tx: Tx, organizationId: string, id: string, lock = false): Promise<InvitationRow | null> {
    return tx.one(`${SELECT_INVITATION} where i.organization_id = $1 and i.id = $2 ${lock ? 'for update of i' : ''}`, [organizationId, id]);
  }

  /**
   * What a link needs, in one statement: the invitation (locked when `lock`), the role of whoever
   * issued its current link if they are still a member, the organization's name, and whether an
   * account with the invited email exists.
   */
  forLink(
    tx: Tx,
    organizationId: string,
    id: string,
    lock: boolean,
  ): Promise<(InvitationRow & { issuer_role: Role | null; organization_name: string | null; account_exists: boolean }) | null> {
    return tx.one(
      `select x.*,
              (select m.role from membership m where m.organization_id = $1 and m.user_id = x.last_sent_by and m.removed_at is null) as issuer_role,
              (select o.name from organization o where o.id = $1) as organization_name,
              exists (select 1 from app_user a where lower(a.email) = lower(x.email)) as account_exists
         from (${SELECT_INVITATION.replace('select i.id,', 'select i.last_sent_by, i.id,')} where i.organization_id = $1 and i.id = $2 ${lock ? 'for update of i' : ''}) x`,
      [organizationId, id],
    );
  }

  /** The open invitation for `email`, locked. */
  openFor(tx: Tx, organizationId: string, email: string): Promise<{ id: string; expires_at: Date } | null> {
    return tx.one(
      `select id, expires_at from invitation where organization_id = $1 and lower(email) = $2 and accepted_at is null and revoked_at is null for update`,
      [organizationId, email],
    );
  }

  async insert(
    tx: Tx,
    invitation: {
      organizationId: string;
      id: string;
      email: string;
      role: Role;
      clientIds: string[];
      tokenHash: string;
      invitedBy: string;
      ttlDays: number;
      /** The language asked for, else the inviter's, else their browser's, else English. */
      locale: Locale | null;
      browserLocale: Locale | null;
    },
  ): Promise<void> {
    await tx.query(
      `insert into invitation (organization_id, id, email, role, client_ids, token_hash, invited_by, last_sent_by, expires_at, locale)
       values ($1, $2, $3, $4, $5, $6, $7, $7, now() + make_interval(days => $8),
               coalesce($9::text, (select u.locale from app_user u where u.id = $7), $10::text, 'en'))`,
      [
        invitation.organizationId,
        invitation.id,
        invitation.email,
        invitation.role,
        invitation.clientIds,
        invitation.tokenHash,
        invitation.invitedBy,
        invitation.ttlDays,
        invitation.locale,
        invitation.browserLocale,
      ],
    );
  }

  /** A new link for the same invitation: the previous one stops working. */
  async reissue(tx: Tx, organizationId: string, id: string, tokenHash: string, ttlDays: number, sentBy: string): Promise<void> {
    await tx.query(
      `update invitation set token_hash = $3, expires_at = now() + make_interval(days => $4), sent_count = sent_count + 1, last_sent_at = now(),
              last_sent_by = $5
        where organization_id = $1 and id = $2`,
      [organizationId, id, tokenHash, ttlDays, sentBy],
    );
  }

  async revoke(tx: Tx, organizationId: string, id: string, revokedBy: string): Promise<void> {
    await tx.query(`update invitation set revoked_at = now(), revoked_by = $3 where organization_id = $1 and id = $2`, [organizationId, id, revokedBy]);
  }

  /** Claims the invitation for `userId`; false when it was used or revoked meanwhile. */
  async claim(tx: Tx, organizationId: string, id: string, userId: string): Promise<boolean> {
    const { rowCount } = await tx.query(
      `update invitation set accepted_at = now(), accepted_by = $3 where organization_id = $1 and id = $2 and accepted_at is null and revoked_at is null`,
      [organizationId, id, userId],
    );
    return rowCount === 1;
  }

  /** Open invitations whose current link `userId` issued, locked. */
  issuedBy(tx: Tx, organizationId: string, userId: string): Promise<Array<{ id: string; email: string; role: Role }>> {
    return tx.many(
      `select id, email, role from invitation where organization_id = $1 and last_sent_by = $2 and accepted_at is null and revoked_at is null for update`,
      [organizationId, userId],
    );
  }
}
