import { Injectable } from '@nestjs/common';
import { canGrantRole, isClientRole, ROLE_LABELS, type Role } from '@clearpost/authz';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuditService } from '../audit/audit.service';
import { ClientsService } from '../clients/clients.service';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import type { Tx } from '../database/tx';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import { InvitationsRepository } from './invitations.repository';
import type { Member, MemberConnection, MemberFilter, RemoveMemberPayload } from './member.models';
import { decodeKeyCursor, encodeKeyCursor, toConnection } from '../common/pagination';
import { MembersRepository, type MemberRow } from './members.repository';

function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    joinedAt: row.joined_at,
    removedAt: row.removed_at,
    clients: row.clients,
    ownedAccountCount: row.owned_account_count,
  };
}

/** Members, their roles and clients; removal with last-owner protection. */
@Injectable()
export class MembersService {
  constructor(
    private readonly members: MembersRepository,
    private readonly invitations: InvitationsRepository,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    private readonly clients: ClientsService,
  ) {}

  async list(tx: Tx, organizationId: string): Promise<Member[]> {
    return (await this.members.list(tx, organizationId)).map(toMember);
  }

  async page(tx: Tx, organizationId: string, first: number, after: string | undefined, filter: MemberFilter): Promise<MemberConnection> {
    const rows = await this.members.page(tx, organizationId, {
      limit: first + 1,
      after: after ? (decodeKeyCursor(after, 2) as [string, string]) : null,
      search: filter.search || null,
    });
    return toConnection(rows, first, (row) => encodeKeyCursor([row.sort_name, row.id]), toMember);
  }

  async get(tx: Tx, organizationId: string, userId: string, includeRemoved = false): Promise<Member> {
    const row = await this.members.get(tx, organizationId, userId, includeRemoved);
    if (!row) throw notFound('This member');
    return toMember(row);
  }

  /** Client roles need at least one client; every client must be active. */
  async checkClients(tx: Tx, organizationId: string, role: Role, clientIds: string[]): Promise<void> {
    if (isClientRole(role) && clientIds.length === 0) {
      throw badInput('clientIds', `A ${ROLE_LABELS[role].toLowerCase()} must be given at least one client.`);
    }
    await this.clients.assertActiveClients(tx, organizationId, clientIds);
  }

  async updateRole(tx: Tx, actor: TenantActor, memberId: string, role: Role, clientIds: string[] | undefined): Promise<Member> {
    const target = await this.lockMember(tx, actor, memberId);
    if (!canGrantRole(target.actorRole, target.role) || !canGrantRole(target.actorRole, role)) {
      throw forbidden('Only an owner can make someone an owner or change an owner’s role.');
    }
    const nextClients = clientIds ?? (await this.members.clientIdsOf(tx, actor.organizationId, memberId));
    await this.checkClients(tx, actor.organizationId, role, nextClients);
    if (target.role === 'OWNER' && role !== 'OWNER') await this.assertAnotherOwner(tx, actor.organizationId, memberId, 'demoted');
    if (isClientRole(role) && !isClientRole(target.role)) {
      // Account owners are staff: a client user cannot answer for an account.
      const owned = await this.accounts.ownedCount(tx, actor.organizationId, memberId);
      if (owned > 0) throw conflict(`This person owns ${owned} account${owned === 1 ? '' : 's'}. Give ${owned === 1 ? 'it' : 'them'} another owner first.`);
    }

    if (role !== target.role) {
      await this.members.setRole(tx, actor.organizationId, memberId, role);
      await this.audit.record(tx, actor.organizationId, {
        action: 'member.role_changed',
        actorUserId: actor.userId,
        targetType: 'user',
        targetId: memberId,
        data: { from: target.role, to: role },
      });
      await this.revokeInvitationsBeyond(tx, actor, memberId, role);
    }
    if (clientIds) {
      const before = await this.members.clientIdsOf(tx, actor.organizationId, memberId);
      const after = [...new Set(clientIds)].sort();
      if (before.join() !== after.join()) {
        await this.members.setClients(tx, actor.organizationId, memberId, after);
        await this.audit.record(tx, actor.organizationId, {
          action: 'member.clients_changed',
          actorUserId: actor.userId,
          targetType: 'user',
          targetId: memberId,
          data: { from: before, to: after },
        });
      }
    }
    return this.get(tx, actor.organizationId, memberId);
  }

  /**
   * Removes a member. Their access ends with this transaction: the guard reads membership on every
   * request, so their next request to this organization is refused. Accounts they owned keep them
   * as the (departed) owner and are flagged as needing a new one; their ownership periods end now.
   */
  async remove(tx: Tx, actor: TenantActor, memberId: string): Promise<RemoveMemberPayload> {
    const target = await this.lockMember(tx, actor, memberId);
    if (!canGrantRole(target.actorRole, target.role)) throw forbidden('Only an owner can remove an owner.');
    if (target.role === 'OWNER') await this.assertAnotherOwner(tx, actor.organizationId, memberId, 'removed');

    await this.members.markRemoved(tx, actor.organizationId, memberId, actor.userId);
    await this.revokeInvitationsBeyond(tx, actor, memberId, null);
    const orphaned = await this.accounts.endOwnershipsOf(tx, actor.organizationId, memberId);
    await this.audit.record(tx, actor.organizationId, {
      action: 'member.removed',
      actorUserId: actor.userId,
      targetType: 'user',
      targetId: memberId,
      data: { role: target.role, accountsNeedingOwner: orphaned },
    });
    return { member: await this.get(tx, actor.organizationId, memberId, true), accountsNeedingOwner: orphaned.length };
  }

  /**
   * Locks the member, the actor and every current owner, always in user-id order, so concurrent
   * role changes and removals queue instead of deadlocking. Returns both roles as they are now,
   * under the lock: the actor's role read by the guard may have changed while this waited.
   */
  private async lockMember(tx: Tx, actor: TenantActor, userId: string): Promise<{ role: Role; actorRole: Role }> {
    const rows = await this.members.lockWithOwners(tx, actor.organizationId, [userId, actor.userId]);
    const row = rows.find((r) => r.user_id === userId);
    if (!row) throw notFound('This member');
    const actorRow = rows.find((r) => r.user_id === actor.userId);
    if (!actorRow) throw forbidden('You are no longer a member of this organization.');
    return { role: row.role, actorRole: actorRow.role };
  }

  /**
   * Pending invitations whose current link `userId` issued and that their new role (null: removed)
   * could not grant are revoked: a link never carries more authority than its issuer has.
   */
  private async revokeInvitationsBeyond(tx: Tx, actor: TenantActor, userId: string, role: Role | null): Promise<void> {
    const pending = await this.invitations.issuedBy(tx, actor.organizationId, userId);
    for (const invitation of pending.filter((i) => role === null || !canGrantRole(role, i.role))) {
      await this.invitations.revoke(tx, actor.organizationId, invitation.id, actor.userId);
      await this.audit.record(tx, actor.organizationId, {
        action: 'invitation.revoked',
        actorUserId: actor.userId,
        targetType: 'invitation',
        targetId: invitation.id,
        data: { email: invitation.email, role: invitation.role, reason: 'issuer_lost_authority', issuerId: userId },
      });
    }
  }

  /** Owner rows are locked (lockMember), so of two owners demoting each other the second sees the first's change. */
  private async assertAnotherOwner(tx: Tx, organizationId: string, leavingUserId: string, verb: string): Promise<void> {
    const owners = await this.members.owners(tx, organizationId);
    if (!owners.some((owner) => owner !== leavingUserId)) throw conflict(`The last owner cannot be ${verb}. Make someone else an owner first.`);
  }
}
