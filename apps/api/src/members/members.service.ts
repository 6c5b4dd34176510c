import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canGrantRole, isClientRole, ROLE_LABELS, type Role } from '@clearpost/authz';
import { AuditService } from '../audit/audit.service';
import { ClientsService } from '../clients/clients.service';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import type { Member, RemoveMemberPayload } from './member.models';

interface MemberRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  joined_at: Date;
  removed_at: Date | null;
  clients: Array<{ id: string; name: string }>;
  owned_account_count: number;
}

const SELECT_MEMBER = `
  select u.id, u.name, u.email, m.role, m.created_at as joined_at, m.removed_at,
         coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name) order by lower(c.name))
                     from membership_client mc join client c on c.organization_id = mc.organization_id and c.id = mc.client_id
                    where mc.organization_id = m.organization_id and mc.user_id = m.user_id), '[]') as clients,
         (select count(*)::int from social_account a
           where a.organization_id = m.organization_id and a.owner_user_id = m.user_id and a.deactivated_at is null) as owned_account_count
    from membership m join app_user u on u.id = m.user_id`;

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
    private readonly audit: AuditService,
    private readonly clients: ClientsService,
  ) {}

  async list(manager: EntityManager, organizationId: string): Promise<Member[]> {
    const rows = (await manager.query(`${SELECT_MEMBER} where m.organization_id = $1 and m.removed_at is null order by lower(u.name), u.id`, [
      organizationId,
    ])) as MemberRow[];
    return rows.map(toMember);
  }

  async get(manager: EntityManager, organizationId: string, userId: string, includeRemoved = false): Promise<Member> {
    const [row] = (await manager.query(
      `${SELECT_MEMBER} where m.organization_id = $1 and m.user_id = $2 ${includeRemoved ? '' : 'and m.removed_at is null'}`,
      [organizationId, userId],
    )) as MemberRow[];
    if (!row) throw notFound('This member');
    return toMember(row);
  }

  /** Client roles need at least one client; every client must be active. */
  async checkClients(manager: EntityManager, organizationId: string, role: Role, clientIds: string[]): Promise<void> {
    if (isClientRole(role) && clientIds.length === 0) {
      throw badInput('clientIds', `A ${ROLE_LABELS[role].toLowerCase()} must be given at least one client.`);
    }
    await this.clients.assertActiveClients(manager, organizationId, clientIds);
  }

  async setClients(manager: EntityManager, organizationId: string, userId: string, clientIds: string[]): Promise<void> {
    await manager.query(`delete from membership_client where organization_id = $1 and user_id = $2`, [organizationId, userId]);
    await manager.query(
      `insert into membership_client (organization_id, user_id, client_id) select $1, $2, unnest($3::uuid[]) on conflict do nothing`,
      [organizationId, userId, [...new Set(clientIds)]],
    );
  }

  async updateRole(manager: EntityManager, actor: TenantActor, memberId: string, role: Role, clientIds: string[] | undefined): Promise<Member> {
    const target = await this.lockMember(manager, actor, memberId);
    if (!canGrantRole(target.actorRole, target.role) || !canGrantRole(target.actorRole, role)) {
      throw forbidden('Only an owner can make someone an owner or change an owner’s role.');
    }
    const nextClients = clientIds ?? (await this.clientIdsOf(manager, actor.organizationId, memberId));
    await this.checkClients(manager, actor.organizationId, role, nextClients);
    if (target.role === 'OWNER' && role !== 'OWNER') await this.assertAnotherOwner(manager, actor.organizationId, memberId, 'demoted');
    if (isClientRole(role) && !isClientRole(target.role)) {
      // Account owners are staff: a client user cannot answer for an account.
      const [owned] = (await manager.query(
        `select count(*)::int as n from social_account where organization_id = $1 and owner_user_id = $2 and deactivated_at is null`,
        [actor.organizationId, memberId],
      )) as Array<{ n: number }>;
      if (owned.n > 0) throw conflict(`This person owns ${owned.n} account${owned.n === 1 ? '' : 's'}. Give ${owned.n === 1 ? 'it' : 'them'} another owner first.`);
    }

    if (role !== target.role) {
      await manager.query(`update membership set role = $3 where organization_id = $1 and user_id = $2`, [actor.organizationId, memberId, role]);
      await this.audit.record(manager, actor.organizationId, {
        action: 'member.role_changed',
        actorUserId: actor.userId,
        targetType: 'user',
        targetId: memberId,
        data: { from: target.role, to: role },
      });
      await this.revokeInvitationsBeyond(manager, actor, memberId, role);
    }
    if (clientIds) {
      const before = await this.clientIdsOf(manager, actor.organizationId, memberId);
      const after = [...new Set(clientIds)].sort();
      if (before.join() !== after.join()) {
        await this.setClients(manager, actor.organizationId, memberId, after);
        await this.audit.record(manager, actor.organizationId, {
          action: 'member.clients_changed',
          actorUserId: actor.userId,
          targetType: 'user',
          targetId: memberId,
          data: { from: before, to: after },
        });
      }
    }
    return this.get(manager, actor.organizationId, memberId);
  }

  /**
   * Removes a member. Their access ends with this transaction: the guard reads membership on every
   * request, so their next request to this organization is refused. Accounts they owned keep them
   * as the (departed) owner and are flagged as needing a new one; their ownership periods end now.
   */
  async remove(manager: EntityManager, actor: TenantActor, memberId: string): Promise<RemoveMemberPayload> {
    const target = await this.lockMember(manager, actor, memberId);
    if (!canGrantRole(target.actorRole, target.role)) throw forbidden('Only an owner can remove an owner.');
    if (target.role === 'OWNER') await this.assertAnotherOwner(manager, actor.organizationId, memberId, 'removed');

    await manager.query(`update membership set removed_at = now(), removed_by = $3 where organization_id = $1 and user_id = $2`, [
      actor.organizationId,
      memberId,
      actor.userId,
    ]);
    await manager.query(`delete from membership_client where organization_id = $1 and user_id = $2`, [actor.organizationId, memberId]);
    await this.revokeInvitationsBeyond(manager, actor, memberId, null);
    const orphaned = (await manager.query(
      `select id from social_account where organization_id = $1 and owner_user_id = $2 and deactivated_at is null order by id`,
      [actor.organizationId, memberId],
    )) as Array<{ id: string }>;
    await manager.query(
      `update account_ownership set ended_at = now(), ended_reason = 'owner_removed'
        where organization_id = $1 and owner_user_id = $2 and ended_at is null`,
      [actor.organizationId, memberId],
    );
    await this.audit.record(manager, actor.organizationId, {
      action: 'member.removed',
      actorUserId: actor.userId,
      targetType: 'user',
      targetId: memberId,
      data: { role: target.role, accountsNeedingOwner: orphaned.map((a) => a.id) },
    });
    return { member: await this.get(manager, actor.organizationId, memberId, true), accountsNeedingOwner: orphaned.length };
  }

  /**
   * Locks the member, the actor and every current owner, always in user-id order, so concurrent
   * role changes and removals queue instead of deadlocking. Returns both roles as they are now,
   * under the lock: the actor's role read by the guard may have changed while this waited.
   */
  private async lockMember(manager: EntityManager, actor: TenantActor, userId: string): Promise<{ role: Role; actorRole: Role }> {
    const rows = (await manager.query(
      `select user_id, role from membership
        where organization_id = $1 and removed_at is null and (role = 'OWNER' or user_id in ($2, $3))
        order by user_id for update`,
      [actor.organizationId, userId, actor.userId],
    )) as Array<{ user_id: string; role: Role }>;
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
  private async revokeInvitationsBeyond(manager: EntityManager, actor: TenantActor, userId: string, role: Role | null): Promise<void> {
    const pending = (await manager.query(
      `select id, email, role from invitation
        where organization_id = $1 and last_sent_by = $2 and accepted_at is null and revoked_at is null for update`,
      [actor.organizationId, userId],
    )) as Array<{ id: string; email: string; role: Role }>;
    for (const invitation of pending.filter((i) => role === null || !canGrantRole(role, i.role))) {
      await manager.query(`update invitation set revoked_at = now(), revoked_by = $3 where organization_id = $1 and id = $2`, [
        actor.organizationId,
        invitation.id,
        actor.userId,
      ]);
      await this.audit.record(manager, actor.organizationId, {
        action: 'invitation.revoked',
        actorUserId: actor.userId,
        targetType: 'invitation',
        targetId: invitation.id,
        data: { email: invitation.email, role: invitation.role, reason: 'issuer_lost_authority', issuerId: userId },
      });
    }
  }

  /** Owner rows are locked (lockMember), so of two owners demoting each other the second sees the first's change. */
  private async assertAnotherOwner(manager: EntityManager, organizationId: string, leavingUserId: string, verb: string): Promise<void> {
    const owners = (await manager.query(`select user_id from membership where organization_id = $1 and role = 'OWNER' and removed_at is null`, [
      organizationId,
    ])) as Array<{ user_id: string }>;
    if (!owners.some((owner) => owner.user_id !== leavingUserId)) {
      throw conflict(`The last owner cannot be ${verb}. Make someone else an owner first.`);
    }
  }

  private async clientIdsOf(manager: EntityManager, organizationId: string, userId: string): Promise<string[]> {
    const rows = (await manager.query(`select client_id from membership_client where organization_id = $1 and user_id = $2 order by client_id`, [
      organizationId,
      userId,
    ])) as Array<{ client_id: string }>;
    return rows.map((row) => row.client_id);
  }
}
