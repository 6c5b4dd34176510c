import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { can, isClientRole, type Role } from '@clearpost/authz';
import { displayHandle, normalizeHandle, profileUrl, type Network } from '@clearpost/networks';
import { AuditService } from '../audit/audit.service';
import { ClientsService } from '../clients/clients.service';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import { decodeKeyCursor, encodeKeyCursor } from '../common/pagination';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import {
  NeedsOwnerReason,
  type AccountKind,
  type AddSocialAccountInput,
  type SocialAccount,
  type SocialAccountConnection,
  type SocialAccountFilter,
} from './account.models';

interface AccountRow {
  id: string;
  network: Network;
  handle: string;
  display_name: string;
  kind: AccountKind;
  created_at: Date;
  deactivated_at: Date | null;
  timezone: string;
  connected: boolean;
  client_id: string | null;
  client_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  owner_email: string | null;
  owner_active: boolean;
  sort_client: string;
  sort_name: string;
  history: Array<{
    owner: { id: string; name: string; email: string; active: boolean };
    assignedByName: string | null;
    assignedAt: string;
    endedAt: string | null;
    endedReason: string | null;
  }>;
}

const FROM_ACCOUNTS = `
    from social_account a
    left join client c on c.organization_id = a.organization_id and c.id = a.client_id
    left join app_user o on o.id = a.owner_user_id
    left join membership om on om.organization_id = a.organization_id and om.user_id = a.owner_user_id and om.removed_at is null`;

const SELECT_ACCOUNT = `
  select a.id, a.network, a.handle, a.display_name, a.kind, a.created_at, a.deactivated_at, a.timezone,
         a.oauth_token_encrypted is not null as connected,
         c.id as client_id, c.name as client_name,
         o.id as owner_id, o.name as owner_name, o.email as owner_email, om.user_id is not null as owner_active,
         lower(coalesce(c.name, '')) as sort_client, lower(a.display_name) as sort_name,
         coalesce((select json_agg(json_build_object(
                     'owner', json_build_object('id', hu.id, 'name', hu.name, 'email', hu.email, 'active', hm.user_id is not null),
                     'assignedByName', ab.name, 'assignedAt', h.assigned_at, 'endedAt', h.ended_at, 'endedReason', h.ended_reason)
                     order by h.assigned_at desc, h.id)
                     from account_ownership h
                     join app_user hu on hu.id = h.owner_user_id
                     left join app_user ab on ab.id = h.assigned_by
                     left join membership hm on hm.organization_id = h.organization_id and hm.user_id = h.owner_user_id and hm.removed_at is null
                    where h.organization_id = a.organization_id and h.account_id = a.id), '[]') as history
  ${FROM_ACCOUNTS}`;

/** An active account needs an owner when it has none or its owner has left the organization. */
const NEEDS_OWNER_SQL = `(a.deactivated_at is null and (a.owner_user_id is null or om.user_id is null))`;

function toAccount(row: AccountRow): SocialAccount {
  const active = row.deactivated_at === null;
  const needsOwnerReason = !active ? null : !row.owner_id ? NeedsOwnerReason.NO_OWNER : !row.owner_active ? NeedsOwnerReason.OWNER_REMOVED : null;
  return {
    id: row.id,
    network: row.network,
    handle: row.handle,
    displayHandle: displayHandle(row.network, row.handle),
    profileUrl: profileUrl(row.network, row.handle),
    displayName: row.display_name,
    kind: row.kind,
    client: row.client_id ? { id: row.client_id, name: row.client_name ?? '' } : null,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '', email: row.owner_email ?? '', active: row.owner_active } : null,
    needsOwner: needsOwnerReason !== null,
    needsOwnerReason,
    connected: row.connected,
    active,
    timezone: row.timezone,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at,
    ownershipHistory: row.history.map((h) => ({
      ...h,
      assignedAt: new Date(h.assignedAt),
      endedAt: h.endedAt ? new Date(h.endedAt) : null,
    })),
  };
}

const cursorOf = (row: AccountRow) => encodeKeyCursor([row.sort_client, row.sort_name, row.id]);

/**
 * Social accounts and who owns them. Clearpost never stores an account password: brand accounts
 * will connect by OAuth (token encrypted at rest by SecretBox), staff accounts are a handle only.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly audit: AuditService,
    private readonly clients: ClientsService,
  ) {}

  /** Grouped by client (the organization's own first), then by name. */
  async list(manager: EntityManager, organizationId: string, first: number, after: string | undefined, filter: SocialAccountFilter): Promise<SocialAccountConnection> {
    const params: unknown[] = [organizationId, first + 1];
    const where = ['a.organization_id = $1'];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (!filter.includeDeactivated) where.push('a.deactivated_at is null');
    if (filter.clientId) add((n) => `a.client_id = $${n}`, filter.clientId);
    if (filter.withoutClient) where.push('a.client_id is null');
    if (filter.network) add((n) => `a.network = $${n}`, filter.network);
    if (filter.kind) add((n) => `a.kind = $${n}`, filter.kind);
    if (filter.ownerId) add((n) => `a.owner_user_id = $${n}`, filter.ownerId);
    if (filter.needsOwner !== undefined && filter.needsOwner !== null) where.push(filter.needsOwner ? NEEDS_OWNER_SQL : `not ${NEEDS_OWNER_SQL}`);
    if (after) {
      const [client, name, id] = decodeKeyCursor(after, 3);
      params.push(client, name, id);
      const n = params.length;
      where.push(`(lower(coalesce(c.name, '')), lower(a.display_name), a.id) > ($${n - 2}, $${n - 1}, $${n}::uuid)`);
    }
    const rows = (await manager.query(
      `${SELECT_ACCOUNT} where ${where.join(' and ')} order by lower(coalesce(c.name, '')), lower(a.display_name), a.id limit $2`,
      params,
    )) as AccountRow[];
    const page = rows.slice(0, first);
    return {
      edges: page.map((row) => ({ cursor: cursorOf(row), node: toAccount(row) })),
      pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? cursorOf(page[page.length - 1]) : null },
    };
  }

  async needingOwner(manager: EntityManager, organizationId: string): Promise<SocialAccount[]> {
    const rows = (await manager.query(
      `${SELECT_ACCOUNT} where a.organization_id = $1 and ${NEEDS_OWNER_SQL} order by lower(coalesce(c.name, '')), lower(a.display_name), a.id limit 500`,
      [organizationId],
    )) as AccountRow[];
    return rows.map(toAccount);
  }

  async get(manager: EntityManager, organizationId: string, id: string): Promise<SocialAccount> {
    const [row] = (await manager.query(`${SELECT_ACCOUNT} where a.organization_id = $1 and a.id = $2`, [organizationId, id])) as AccountRow[];
    if (!row) throw notFound('This account');
    return toAccount(row);
  }

  async add(manager: EntityManager, actor: TenantActor, input: AddSocialAccountInput): Promise<SocialAccount> {
    const manages = can(actor.role, 'account.manage');
    if (input.kind === 'BRAND' && !manages) {
      throw forbidden('Only owners and admins add brand accounts. You can register your own handle as a staff account.');
    }
    if (input.kind === 'STAFF' && input.clientId) throw badInput('clientId', 'A staff handle belongs to a person, not to a client.');
    if (!manages && input.ownerId && input.ownerId !== actor.userId) throw forbidden('You can register only your own handles.');
    const normalized = normalizeHandle(input.network, input.handle, input.kind);
    if (!normalized.ok) throw badInput('handle', normalized.message);
    if (input.clientId) await this.clients.assertActiveClients(manager, actor.organizationId, [input.clientId], 'clientId');
    const ownerId = input.ownerId ?? (input.kind === 'STAFF' ? actor.userId : null);
    const owner = ownerId ? await this.assertCanOwn(manager, actor.organizationId, ownerId, 'ownerId') : null;

    const [taken] = await manager.query(
      `select 1 from social_account where organization_id = $1 and network = $2 and handle = $3 and deactivated_at is null`,
      [actor.organizationId, input.network, normalized.handle],
    );
    if (taken) throw this.duplicate(input.network, normalized.handle);
    const id = randomUUID();
    try {
      await manager.query(
        `insert into social_account (organization_id, id, network, handle, display_name, kind, client_id, owner_user_id, created_by, timezone)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [actor.organizationId, id, input.network, normalized.handle, input.displayName, input.kind, input.clientId ?? null, ownerId, actor.userId, input.timezone ?? 'UTC'],
      );
    } catch (error) {
      // Two people registering the same handle at once: the unique index decides.
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') throw this.duplicate(input.network, normalized.handle);
      throw error;
    }
    await this.audit.record(manager, actor.organizationId, {
      action: 'account.added',
      actorUserId: actor.userId,
      targetType: 'social_account',
      targetId: id,
      data: { network: input.network, handle: normalized.handle, kind: input.kind, clientId: input.clientId ?? null, ownerId },
    });
    if (ownerId && owner) await this.startOwnership(manager, actor, id, null, { id: ownerId, name: owner.name });
    return this.get(manager, actor.organizationId, id);
  }

  async assignOwner(manager: EntityManager, actor: TenantActor, accountId: string, memberId: string): Promise<SocialAccount> {
    const account = await this.lock(manager, actor.organizationId, accountId);
    if (account.deactivated_at) throw conflict('This account is deactivated. Reactivate it by adding it again.');
    const owner = await this.assertCanOwn(manager, actor.organizationId, memberId, 'memberId');
    const [current] = (await manager.query(
      `select 1 from membership where organization_id = $1 and user_id = $2 and removed_at is null`,
      [actor.organizationId, account.owner_user_id],
    )) as unknown[];
    if (account.owner_user_id === memberId && current) return this.get(manager, actor.organizationId, accountId); // already theirs
    await this.startOwnership(manager, actor, accountId, account.owner_user_id, { id: memberId, name: owner.name });
    return this.get(manager, actor.organizationId, accountId);
  }

  async deactivate(manager: EntityManager, actor: TenantActor, id: string): Promise<SocialAccount> {
    const account = await this.lock(manager, actor.organizationId, id);
    const ownStaffHandle = account.kind === 'STAFF' && account.owner_user_id === actor.userId;
    if (!can(actor.role, 'account.manage') && !ownStaffHandle) throw forbidden('Only owners and admins deactivate accounts other than their own handles.');
    if (!account.deactivated_at) {
      await manager.query(`update social_account set deactivated_at = now(), deactivated_by = $3 where organization_id = $1 and id = $2`, [
        actor.organizationId,
        id,
        actor.userId,
      ]);
      await manager.query(
        `update account_ownership set ended_at = now(), ended_reason = 'deactivated' where organization_id = $1 and account_id = $2 and ended_at is null`,
        [actor.organizationId, id],
      );
      await this.audit.record(manager, actor.organizationId, {
        action: 'account.deactivated',
        actorUserId: actor.userId,
        targetType: 'social_account',
        targetId: id,
        data: { network: account.network, handle: account.handle },
      });
    }
    return this.get(manager, actor.organizationId, id);
  }

  private async startOwnership(
    manager: EntityManager,
    actor: TenantActor,
    accountId: string,
    previousOwnerId: string | null,
    owner: { id: string; name: string },
  ): Promise<void> {
    await manager.query(
      `update account_ownership set ended_at = now(), ended_reason = 'reassigned' where organization_id = $1 and account_id = $2 and ended_at is null`,
      [actor.organizationId, accountId],
    );
    await manager.query(
      `insert into account_ownership (organization_id, id, account_id, owner_user_id, assigned_by) values ($1, $2, $3, $4, $5)`,
      [actor.organizationId, randomUUID(), accountId, owner.id, actor.userId],
    );
    await manager.query(`update social_account set owner_user_id = $3 where organization_id = $1 and id = $2`, [
      actor.organizationId,
      accountId,
      owner.id,
    ]);
    await this.audit.record(manager, actor.organizationId, {
      action: 'account.owner_assigned',
      actorUserId: actor.userId,
      targetType: 'social_account',
      targetId: accountId,
      data: { from: previousOwnerId, to: owner.id, ownerName: owner.name },
    });
  }

  /** Owners are current staff: client users and people who left cannot own an account. */
  private async assertCanOwn(manager: EntityManager, organizationId: string, userId: string, field: string): Promise<{ name: string }> {
    const [member] = (await manager.query(
      `select u.name, m.role from membership m join app_user u on u.id = m.user_id
        where m.organization_id = $1 and m.user_id = $2 and m.removed_at is null`,
      [organizationId, userId],
    )) as Array<{ name: string; role: Role }>;
    if (!member) throw badInput(field, 'The owner must be a current member of this organization.');
    if (isClientRole(member.role)) throw badInput(field, 'People from a client company cannot own accounts; choose a member of your staff.');
    return member;
  }

  private async lock(manager: EntityManager, organizationId: string, id: string) {
    const [row] = (await manager.query(
      `select network, handle, kind, owner_user_id, deactivated_at from social_account where organization_id = $1 and id = $2 for update`,
      [organizationId, id],
    )) as Array<{ network: Network; handle: string; kind: AccountKind; owner_user_id: string | null; deactivated_at: Date | null }>;
    if (!row) throw notFound('This account');
    return row;
  }

  private duplicate(network: Network, handle: string) {
    return conflict(`${displayHandle(network, handle)} is already registered on ${network} in this organization.`, { field: 'handle' });
  }
}
