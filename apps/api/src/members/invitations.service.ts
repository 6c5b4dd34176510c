import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { canGrantRole, isClientRole, type Role } from '@clearpost/authz';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/passwords';
import { AuthService, type IssuedSession } from '../auth/auth.service';
import { secretMatches } from '../auth/tokens';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AppError, badInput, conflict, forbidden, notFound } from '../common/errors';
import type { ClientInfo } from '../common/request';
import { Db } from '../database/db.service';
import { MailService } from '../mail/mail.service';
import type { Organization } from '../organizations/organization.models';
import { RateLimitService, type Limit } from '../rate-limit/rate-limit.service';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import { invitationMail } from './invitation-mail';
import { newInvitationToken, parseInvitationToken } from './invitation-token';
import { InvitationStatus, type AcceptInvitationInput, type Invitation, type InvitationPreview, type InviteMemberInput } from './member.models';
import { MembersService } from './members.service';

interface InvitationRow {
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
}

const SELECT_INVITATION = `
  select i.id, i.email, i.role, i.client_ids, i.token_hash, u.name as invited_by_name, i.created_at, i.expires_at,
         i.last_sent_at, i.sent_count, i.accepted_at, i.revoked_at,
         coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name) order by lower(c.name))
                     from client c where c.organization_id = i.organization_id and c.id = any (i.client_ids)), '[]') as clients
    from invitation i join app_user u on u.id = i.invited_by`;

function statusOf(row: InvitationRow): InvitationStatus {
  if (row.accepted_at) return InvitationStatus.ACCEPTED;
  if (row.revoked_at) return InvitationStatus.REVOKED;
  return row.expires_at.getTime() <= Date.now() ? InvitationStatus.EXPIRED : InvitationStatus.PENDING;
}

function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    clients: row.clients,
    status: statusOf(row),
    invitedByName: row.invited_by_name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSentAt: row.last_sent_at,
    sentCount: row.sent_count,
  };
}

/** Why a link cannot be used, as `extensions.reason` next to BAD_USER_INPUT on `token`. */
function unusable(reason: 'INVALID' | 'EXPIRED' | 'USED' | 'REVOKED', message: string): AppError {
  return new AppError('BAD_USER_INPUT', message, { field: 'token', reason });
}

const INVALID_LINK = 'This invitation link is not valid. Check that you copied all of it, or ask for a new invitation.';

/**
 * Invitations: random single-use tokens, stored hashed, expiring after INVITATION_TTL_DAYS, mailed
 * through MailService in the same transaction. Accepting creates the account, or adds a signed-in
 * person (with the invited email) to a further organization.
 */
@Injectable()
export class InvitationsService {
  private readonly invitesPerOrganization: Limit;
  /** Opening and accepting links, per IP: generous for people, useless for guessing. */
  private readonly linksPerIp: Limit;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly members: MembersService,
    private readonly mail: MailService,
    private readonly rateLimit: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.linksPerIp = { points: config.signInLimits.perIp, durationSeconds: config.signInLimits.windowSeconds };
    this.invitesPerOrganization = { points: config.invitationsPerHour, durationSeconds: 3600 };
  }

  async list(manager: EntityManager, organizationId: string): Promise<Invitation[]> {
    const rows = (await manager.query(
      `${SELECT_INVITATION} where i.organization_id = $1 and i.accepted_at is null and i.revoked_at is null order by i.created_at desc, i.id`,
      [organizationId],
    )) as InvitationRow[];
    return rows.map(toInvitation);
  }

  async invite(manager: EntityManager, actor: TenantActor, input: InviteMemberInput): Promise<Invitation> {
    if (!canGrantRole(actor.role, input.role)) throw forbidden('Only an owner can invite an owner.');
    const clientIds = [...new Set(input.clientIds ?? [])];
    await this.members.checkClients(manager, actor.organizationId, input.role, clientIds);
    const [member] = await manager.query(
      `select 1 from membership m join app_user u on u.id = m.user_id
        where m.organization_id = $1 and lower(u.email) = $2 and m.removed_at is null`,
      [actor.organizationId, input.email],
    );
    if (member) throw conflict(`${input.email} is already a member of this organization.`, { field: 'email' });
    const [pending] = (await manager.query(
      `select id, expires_at from invitation
        where organization_id = $1 and lower(email) = $2 and accepted_at is null and revoked_at is null for update`,
      [actor.organizationId, input.email],
    )) as Array<{ id: string; expires_at: Date }>;
    if (pending && pending.expires_at.getTime() > Date.now()) {
      throw conflict(`${input.email} already has a pending invitation. Resend it instead.`, { field: 'email', invitationId: pending.id });
    }
    if (pending) {
      await manager.query(`update invitation set revoked_at = now(), revoked_by = $3 where organization_id = $1 and id = $2`, [
        actor.organizationId,
        pending.id,
        actor.userId,
      ]);
    }
    await this.rateLimit.consume('invite-organization', this.invitesPerOrganization, actor.organizationId);

    const id = randomUUID();
    const token = newInvitationToken(actor.organizationId, id);
    await manager.query(
      `insert into invitation (organization_id, id, email, role, client_ids, token_hash, invited_by, last_sent_by, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $7, now() + make_interval(days => $8))`,
      [actor.organizationId, id, input.email, input.role, clientIds, token.hash, actor.userId, this.config.invitationTtlDays],
    );
    const invitation = await this.get(manager, actor.organizationId, id);
    await this.sendMail(manager, actor.organizationId, invitation, token.value);
    await this.audit.record(manager, actor.organizationId, {
      action: 'member.invited',
      actorUserId: actor.userId,
      targetType: 'invitation',
      targetId: id,
      data: { email: input.email, role: input.role, clientIds },
    });
    return invitation;
  }

  async revoke(manager: EntityManager, actor: TenantActor, id: string): Promise<Invitation> {
    const invitation = await this.lockOpen(manager, actor, id);
    await manager.query(`update invitation set revoked_at = now(), revoked_by = $3 where organization_id = $1 and id = $2`, [
      actor.organizationId,
      id,
      actor.userId,
    ]);
    await this.audit.record(manager, actor.organizationId, {
      action: 'invitation.revoked',
      actorUserId: actor.userId,
      targetType: 'invitation',
      targetId: id,
      data: { email: invitation.email, role: invitation.role },
    });
    return this.get(manager, actor.organizationId, id);
  }

  /** Sends a new link (the previous one stops working) valid for a full period again. */
  async resend(manager: EntityManager, actor: TenantActor, id: string): Promise<Invitation> {
    const invitation = await this.lockOpen(manager, actor, id);
    await this.rateLimit.consume('invite-organization', this.invitesPerOrganization, actor.organizationId);
    const token = newInvitationToken(actor.organizationId, id);
    await manager.query(
      `update invitation set token_hash = $3, expires_at = now() + make_interval(days => $4), sent_count = sent_count + 1, last_sent_at = now(),
              last_sent_by = $5
        where organization_id = $1 and id = $2`,
      [actor.organizationId, id, token.hash, this.config.invitationTtlDays, actor.userId],
    );
    const updated = await this.get(manager, actor.organizationId, id);
    await this.sendMail(manager, actor.organizationId, updated, token.value);
    await this.audit.record(manager, actor.organizationId, {
      action: 'invitation.resent',
      actorUserId: actor.userId,
      targetType: 'invitation',
      targetId: id,
      data: { email: invitation.email, sentCount: updated.sentCount },
    });
    return updated;
  }

  /** What the link shows before acceptance. Any problem with the token is an error naming it. */
  async preview(rawToken: string, client: ClientInfo): Promise<InvitationPreview> {
    await this.rateLimit.consume('invitation-ip', this.linksPerIp, client.ip ?? 'unknown');
    const { row, organizationName, manager } = await this.openByToken(rawToken, null);
    const [account] = await manager.query(`select 1 from app_user where lower(email) = lower($1)`, [row.email]);
    return {
      organizationName,
      email: row.email,
      role: row.role,
      invitedByName: row.invited_by_name,
      expiresAt: row.expires_at,
      accountExists: Boolean(account),
    };
  }

  async accept(
    input: AcceptInvitationInput,
    signedIn: { userId: string } | null,
    client: ClientInfo,
  ): Promise<{ organization: Organization; role: Role; session: IssuedSession | null }> {
    await this.rateLimit.consume('invitation-ip', this.linksPerIp, client.ip ?? 'unknown');
    // Hash before any row is locked: hashing takes a while and must not hold the invitation.
    const passwordHash = !signedIn && input.password ? await hashPassword(input.password) : null;
    const { row, organizationName, manager, organizationId } = await this.openByToken(input.token, signedIn?.userId ?? null, true);

    let userId: string;
    let newAccount = false;
    if (signedIn) {
      const [me] = (await manager.query(`select email from app_user where id = $1`, [signedIn.userId])) as Array<{ email: string }>;
      if (me?.email.toLowerCase() !== row.email.toLowerCase()) {
        throw forbidden(`This invitation is for ${row.email}, but you are signed in as ${me?.email ?? 'someone else'}. Sign out and open the link again.`);
      }
      userId = signedIn.userId;
    } else {
      const [existing] = await manager.query(`select 1 from app_user where lower(email) = lower($1)`, [row.email]);
      if (existing) {
        throw new AppError('CONFLICT', `An account for ${row.email} already exists. Sign in as ${row.email}, then open the link again.`, {
          field: 'token',
          reason: 'ACCOUNT_EXISTS',
        });
      }
      if (!input.name) throw badInput('name', 'Enter your name.');
      if (!passwordHash) throw badInput('password', 'Choose a password.');
      userId = randomUUID();
      await this.auth.insertUser(manager, { id: userId, email: row.email.toLowerCase(), name: input.name, passwordHash });
      newAccount = true;
    }
    // Read before the membership exists: once it does, a client user's RLS scope is their clients,
    // and they have none yet. Clients archived since the invitation are left out.
    const active = (await manager.query(`select id from client where organization_id = $1 and id = any($2::uuid[]) and archived_at is null`, [
      organizationId,
      row.client_ids,
    ])) as Array<{ id: string }>;
    if (isClientRole(row.role) && active.length === 0) {
      throw conflict('The clients this invitation was for have been archived. Ask for a new invitation.');
    }
    await this.db.setScope({ organizationId, userId });

    const [membership] = (await manager.query(`select removed_at from membership where organization_id = $1 and user_id = $2 for update`, [
      organizationId,
      userId,
    ])) as Array<{ removed_at: Date | null }>;
    if (membership && !membership.removed_at) throw conflict(`You are already a member of ${organizationName}.`);
    if (membership) {
      await manager.query(
        `update membership set role = $3, created_at = now(), removed_at = null, removed_by = null where organization_id = $1 and user_id = $2`,
        [organizationId, userId, row.role],
      );
    } else {
      await manager.query(`insert into membership (organization_id, user_id, role) values ($1, $2, $3)`, [organizationId, userId, row.role]);
    }
    await this.members.setClients(manager, organizationId, userId, active.map((c) => c.id));

    const [, claimed] = (await manager.query(
      `update invitation set accepted_at = now(), accepted_by = $3 where organization_id = $1 and id = $2 and accepted_at is null and revoked_at is null`,
      [organizationId, row.id, userId],
    )) as [unknown, number];
    if (claimed !== 1) throw unusable('USED', 'This invitation has already been used.');

    await this.audit.record(manager, organizationId, {
      action: 'member.joined',
      actorUserId: userId,
      targetType: 'user',
      targetId: userId,
      data: { role: row.role, clientIds: active.map((c) => c.id), invitationId: row.id, newAccount },
    });
    let session: IssuedSession | null = null;
    if (newAccount) {
      const tokens = await this.auth.openSession(manager, userId, client);
      await this.audit.record(manager, organizationId, { action: 'auth.signed_in', actorUserId: userId, data: { ...client, via: 'invitation' } });
      session = { ...tokens, user: await this.auth.loadUser(userId) };
    }
    const [organization] = (await manager.query(`select id, name, created_at from organization where id = $1`, [organizationId])) as Array<{
      id: string;
      name: string;
      created_at: Date;
    }>;
    return { organization: { id: organization.id, name: organization.name, createdAt: organization.created_at }, role: row.role, session };
  }

  private async get(manager: EntityManager, organizationId: string, id: string): Promise<Invitation> {
    const [row] = (await manager.query(`${SELECT_INVITATION} where i.organization_id = $1 and i.id = $2`, [organizationId, id])) as InvitationRow[];
    if (!row) throw notFound('This invitation');
    return toInvitation(row);
  }

  /** Locks an invitation that is still open (pending or expired) and checks the actor may touch it. */
  private async lockOpen(manager: EntityManager, actor: TenantActor, id: string): Promise<InvitationRow> {
    const [row] = (await manager.query(`${SELECT_INVITATION} where i.organization_id = $1 and i.id = $2 for update of i`, [
      actor.organizationId,
      id,
    ])) as InvitationRow[];
    if (!row) throw notFound('This invitation');
    const status = statusOf(row);
    if (status === InvitationStatus.ACCEPTED) throw conflict('This invitation has already been accepted.');
    if (status === InvitationStatus.REVOKED) throw conflict('This invitation was revoked.');
    if (!canGrantRole(actor.role, row.role)) throw forbidden('Only an owner can manage an invitation to become an owner.');
    return row;
  }

  /** Finds the invitation a token names, in a transaction scoped to its organization. */
  private async openByToken(rawToken: string, userId: string | null, lock = false) {
    const token = parseInvitationToken(rawToken);
    if (!token) throw unusable('INVALID', INVALID_LINK);
    const manager = await this.db.begin({ organizationId: token.organizationId, userId });
    await this.db.setScope({ organizationId: token.organizationId, userId });
    const [row] = (await manager.query(
      `${SELECT_INVITATION} where i.organization_id = $1 and i.id = $2 ${lock ? 'for update of i' : ''}`,
      [token.organizationId, token.invitationId],
    )) as InvitationRow[];
    if (!row || !secretMatches(token.secret, row.token_hash)) throw unusable('INVALID', INVALID_LINK);
    const status = statusOf(row);
    if (status === InvitationStatus.ACCEPTED) throw unusable('USED', 'This invitation has already been used. Sign in to continue.');
    if (status === InvitationStatus.REVOKED) throw unusable('REVOKED', 'This invitation was withdrawn. Ask for a new one if you still need access.');
    if (status === InvitationStatus.EXPIRED) {
      throw unusable('EXPIRED', `This invitation expired on ${row.expires_at.toUTCString()}. Ask ${row.invited_by_name} to send a new one.`);
    }
    // A link carries its issuer's authority: if they can no longer grant this role (demoted, removed),
    // neither can the link.
    const [issuer] = (await manager.query(
      `select m.role from invitation i join membership m on m.organization_id = i.organization_id and m.user_id = i.last_sent_by and m.removed_at is null
        where i.organization_id = $1 and i.id = $2`,
      [token.organizationId, token.invitationId],
    )) as Array<{ role: Role }>;
    if (!issuer || !canGrantRole(issuer.role, row.role)) {
      throw unusable('REVOKED', 'This invitation is no longer valid: the person who sent it can no longer grant this role. Ask for a new invitation.');
    }
    const [organization] = (await manager.query(`select name from organization where id = $1`, [token.organizationId])) as Array<{ name: string }>;
    return { row, organizationName: organization?.name ?? 'the organization', manager, organizationId: token.organizationId };
  }

  private async sendMail(manager: EntityManager, organizationId: string, invitation: Invitation, token: string): Promise<void> {
    const [organization] = (await manager.query(`select name from organization where id = $1`, [organizationId])) as Array<{ name: string }>;
    await this.mail.send(manager, organizationId, {
      ...invitationMail({
        to: invitation.email,
        organizationName: organization.name,
        inviterName: invitation.invitedByName,
        role: invitation.role,
        link: `${this.config.publicUrl}/invitations/accept#token=${token}`,
        expiresAt: invitation.expiresAt,
      }),
      // The token is the invitation: kept mail shows it only to readers who could grant the role.
      secret: { values: [token], grant: { kind: 'invitation', role: invitation.role } },
    });
  }
}
