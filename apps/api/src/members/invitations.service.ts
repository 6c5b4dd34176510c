import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { canGrantRole, isClientRole, type Locale, type Role } from '@clearpost/authz';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/passwords';
import { AuthService, type IssuedSession } from '../auth/auth.service';
import { secretMatches } from '../auth/tokens';
import { ClientsRepository } from '../clients/clients.repository';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AppError, badInput, conflict, forbidden, notFound } from '../common/errors';
import type { ClientInfo } from '../common/request';
import type { Tx } from '../database/tx';
import { MailService } from '../mail/mail.service';
import type { Organization } from '../organizations/organization.models';
import { OrganizationsService } from '../organizations/organizations.service';
import { RateLimitService, type Limit } from '../rate-limit/rate-limit.service';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import { invitationMail } from './invitation-mail';
import { newLinkToken, parseLinkToken, unusableLink } from '../common/link-token';
import { InvitationsRepository, type InvitationRow } from './invitations.repository';
import {
  InvitationStatus,
  type AcceptInvitationInput,
  type Invitation,
  type InvitationConnection,
  type InvitationPreview,
  type InviteMemberInput,
} from './member.models';
import { decodeKeyCursor, encodeKeyCursor, toConnection } from '../common/pagination';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';

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
    locale: row.locale,
  };
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
    private readonly invitations: InvitationsRepository,
    private readonly memberships: MembersRepository,
    private readonly clients: ClientsRepository,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly members: MembersService,
    private readonly organizations: OrganizationsService,
    private readonly mail: MailService,
    private readonly rateLimit: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.linksPerIp = { points: config.signInLimits.perIp, durationSeconds: config.signInLimits.windowSeconds };
    this.invitesPerOrganization = { points: config.invitationsPerHour, durationSeconds: 3600 };
  }

  async list(tx: Tx, organizationId: string): Promise<Invitation[]> {
    return (await this.invitations.open(tx, organizationId)).map(toInvitation);
  }

  async page(tx: Tx, organizationId: string, first: number, after: string | undefined): Promise<InvitationConnection> {
    const rows = await this.invitations.page(tx, organizationId, first + 1, after ? (decodeKeyCursor(after, 2) as [string, string]) : null);
    return toConnection(rows, first, (row) => encodeKeyCursor([row.created_key, row.id]), toInvitation);
  }

  async invite(tx: Tx, actor: TenantActor, input: InviteMemberInput, browserLocale: Locale | null = null): Promise<Invitation> {
    if (!canGrantRole(actor.role, input.role)) throw forbidden('Only an owner can invite an owner.');
    const clientIds = [...new Set(input.clientIds ?? [])];
    await this.members.checkClients(tx, actor.organizationId, input.role, clientIds);
    if (await this.memberships.hasEmail(tx, actor.organizationId, input.email)) {
      throw conflict(`${input.email} is already a member of this organization.`, { field: 'email' });
    }
    const pending = await this.invitations.openFor(tx, actor.organizationId, input.email);
    if (pending && pending.expires_at.getTime() > Date.now()) {
      throw conflict(`${input.email} already has a pending invitation. Resend it instead.`, { field: 'email', invitationId: pending.id });
    }
    if (pending) await this.invitations.revoke(tx, actor.organizationId, pending.id, actor.userId);
    await this.rateLimit.consume('invite-organization', this.invitesPerOrganization, actor.organizationId);

    const id = randomUUID();
    const token = newLinkToken(actor.organizationId, id);
    await this.invitations.insert(tx, {
      organizationId: actor.organizationId,
      id,
      email: input.email,
      role: input.role,
      clientIds,
      tokenHash: token.hash,
      invitedBy: actor.userId,
      ttlDays: this.config.invitationTtlDays,
      locale: input.locale ?? null,
      browserLocale,
    });
    const invitation = await this.get(tx, actor.organizationId, id);
    await this.sendMail(tx, actor.organizationId, invitation, token.value);
    await this.audit.record(tx, actor.organizationId, {
      action: 'member.invited',
      actorUserId: actor.userId,
      targetType: 'invitation',
      targetId: id,
      data: { email: input.email, role: input.role, clientIds },
    });
    return invitation;
  }

  async revoke(tx: Tx, actor: TenantActor, id: string): Promise<Invitation> {
    const invitation = await this.lockOpen(tx, actor, id);
    await this.invitations.revoke(tx, actor.organizationId, id, actor.userId);
    await this.audit.record(tx, actor.organizationId, {
      action: 'invitation.revoked',
      actorUserId: actor.userId,
      targetType: 'invitation',
      targetId: id,
      data: { email: invitation.email, role: invitation.role },
    });
    return this.get(tx, actor.organizationId, id);
  }

  /** Sends a new link (the previous one stops working) valid for a full period again. */
  async resend(tx: Tx, actor: TenantActor, id: string): Promise<Invitation> {
    const invitation = await this.lockOpen(tx, actor, id);
    await this.rateLimit.consume('invite-organization', this.invitesPerOrganization, actor.organizationId);
    const token = newLinkToken(actor.organizationId, id);
    await this.invitations.reissue(tx, actor.organizationId, id, token.hash, this.config.invitationTtlDays, actor.userId);
    const updated = await this.get(tx, actor.organizationId, id);
    await this.sendMail(tx, actor.organizationId, updated, token.value);
    await this.audit.record(tx, actor.organizationId, {
      action: 'invitation.resent',
      actorUserId: actor.userId,
      targetType: 'invitation',
      targetId: id,
      data: { email: invitation.email, sentCount: updated.sentCount },
    });
    return updated;
  }

  /** What the link shows before acceptance. Any problem with the token is an error naming it. */
  async preview(tx: Tx, rawToken: string, client: ClientInfo): Promise<InvitationPreview> {
    await this.rateLimit.consume('invitation-ip', this.linksPerIp, client.ip ?? 'unknown');
    const { row, organizationName } = await this.openByToken(tx, rawToken, null);
    return {
      organizationName,
      email: row.email,
      role: row.role,
      invitedByName: row.invited_by_name,
      expiresAt: row.expires_at,
      accountExists: row.account_exists,
    };
  }

  async accept(
    tx: Tx,
    input: AcceptInvitationInput,
    signedIn: { userId: string } | null,
    client: ClientInfo,
    browserLocale: Locale | null = null,
  ): Promise<{ organization: Organization; role: Role; session: IssuedSession | null }> {
    await this.rateLimit.consume('invitation-ip', this.linksPerIp, client.ip ?? 'unknown');
    // Hash before any row is locked: hashing takes a while and must not hold the invitation.
    const passwordHash = !signedIn && input.password ? await hashPassword(input.password) : null;
    const { row, organizationName, organizationId } = await this.openByToken(tx, input.token, signedIn?.userId ?? null, true);

    let userId: string;
    let newAccount = false;
    if (signedIn) {
      const email = await this.auth.emailOf(tx, signedIn.userId);
      if (email?.toLowerCase() !== row.email.toLowerCase()) {
        throw forbidden(`This invitation is for ${row.email}, but you are signed in as ${email ?? 'someone else'}. Sign out and open the link again.`);
      }
      userId = signedIn.userId;
    } else {
      if (row.account_exists) {
        throw new AppError('CONFLICT', `An account for ${row.email} already exists. Sign in as ${row.email}, then open the link again.`, {
          field: 'token',
          reason: 'ACCOUNT_EXISTS',
        });
      }
      if (!input.name) throw badInput('name', 'Enter your name.');
      if (!passwordHash) throw badInput('password', 'Choose a password.');
      userId = randomUUID();
      const locale = input.locale ?? browserLocale ?? row.locale;
      await this.auth.insertUser(tx, { id: userId, email: row.email.toLowerCase(), name: input.name, passwordHash, locale });
      newAccount = true;
    }
    // Read before the membership exists: once it does, a client user's RLS scope is their clients,
    // and they have none yet. Clients archived since the invitation are left out.
    const active = await this.clients.activeAmong(tx, organizationId, row.client_ids);
    if (isClientRole(row.role) && active.length === 0) {
      throw conflict('The clients this invitation was for have been archived. Ask for a new invitation.');
    }
    await tx.rescope({ organizationId, userId });

    const membership = await this.memberships.lockOwn(tx, organizationId, userId);
    if (membership && !membership.removed_at) throw conflict(`You are already a member of ${organizationName}.`);
    if (membership) await this.memberships.reactivate(tx, organizationId, userId, row.role);
    else await this.memberships.insert(tx, organizationId, userId, row.role);
    await this.memberships.setClients(tx, organizationId, userId, active);

    if (!(await this.invitations.claim(tx, organizationId, row.id, userId))) throw unusableLink('USED', 'This invitation has already been used.');

    await this.audit.record(tx, organizationId, {
      action: 'member.joined',
      actorUserId: userId,
      targetType: 'user',
      targetId: userId,
      data: { role: row.role, clientIds: active, invitationId: row.id, newAccount },
    });
    let session: IssuedSession | null = null;
    if (newAccount) {
      const tokens = await this.auth.openSession(tx, userId, client);
      await this.audit.record(tx, organizationId, { action: 'auth.signed_in', actorUserId: userId, data: { ...client, via: 'invitation' } });
      session = { ...tokens, user: await this.auth.loadUser(tx, userId) };
    }
    return { organization: await this.organizations.get(tx, organizationId), role: row.role, session };
  }

  private async get(tx: Tx, organizationId: string, id: string): Promise<Invitation> {
    const row = await this.invitations.get(tx, organizationId, id);
    if (!row) throw notFound('This invitation');
    return toInvitation(row);
  }

  /** Locks an invitation that is still open (pending or expired) and checks the actor may touch it. */
  private async lockOpen(tx: Tx, actor: TenantActor, id: string): Promise<InvitationRow> {
    const row = await this.invitations.get(tx, actor.organizationId, id, true);
    if (!row) throw notFound('This invitation');
    const status = statusOf(row);
    if (status === InvitationStatus.ACCEPTED) throw conflict('This invitation has already been accepted.');
    if (status === InvitationStatus.REVOKED) throw conflict('This invitation was revoked.');
    if (!canGrantRole(actor.role, row.role)) throw forbidden('Only an owner can manage an invitation to become an owner.');
    return row;
  }

  /** Finds the invitation a token names, re-scoping `tx` to its organization. */
  private async openByToken(tx: Tx, rawToken: string, userId: string | null, lock = false) {
    const token = parseLinkToken(rawToken);
    if (!token) throw unusableLink('INVALID', INVALID_LINK);
    await tx.rescope({ organizationId: token.organizationId, userId });
    const row = await this.invitations.forLink(tx, token.organizationId, token.id, lock);
    if (!row || !secretMatches(token.secret, row.token_hash)) throw unusableLink('INVALID', INVALID_LINK);
    const status = statusOf(row);
    if (status === InvitationStatus.ACCEPTED) throw unusableLink('USED', 'This invitation has already been used. Sign in to continue.');
    if (status === InvitationStatus.REVOKED) throw unusableLink('REVOKED', 'This invitation was withdrawn. Ask for a new one if you still need access.');
    if (status === InvitationStatus.EXPIRED) {
      throw unusableLink('EXPIRED', `This invitation expired on ${row.expires_at.toUTCString()}. Ask ${row.invited_by_name} to send a new one.`);
    }
    // A link carries its issuer's authority: if they can no longer grant this role (demoted, removed),
    // neither can the link.
    if (!row.issuer_role || !canGrantRole(row.issuer_role, row.role)) {
      throw unusableLink('REVOKED', 'This invitation is no longer valid: the person who sent it can no longer grant this role. Ask for a new invitation.');
    }
    return { row, organizationName: row.organization_name ?? 'the organization', organizationId: token.organizationId };
  }

  private async sendMail(tx: Tx, organizationId: string, invitation: Invitation, token: string): Promise<void> {
    await this.mail.send(tx, organizationId, {
      ...invitationMail({
        to: invitation.email,
        organizationName: await this.organizations.nameOf(tx, organizationId),
        inviterName: invitation.invitedByName,
        role: invitation.role,
        link: `${this.config.publicUrl}/invitations/accept#token=${token}`,
        expiresAt: invitation.expiresAt,
        locale: invitation.locale,
      }),
      // The token is the invitation: kept mail shows it only to readers who could grant the role.
      secret: { values: [token], grant: { kind: 'invitation', role: invitation.role } },
    });
  }
}
