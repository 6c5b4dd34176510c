import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { can, isClientRole } from '@clearpost/authz';
import { displayHandle, normalizeHandle, profileUrl, type Network } from '@clearpost/networks';
import { AuditService } from '../audit/audit.service';
import { ClientsService } from '../clients/clients.service';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import { decodeKeyCursor, encodeKeyCursor, toConnection } from '../common/pagination';
import { isUniqueViolation } from '../database/errors';
import type { Tx } from '../database/tx';
import { MembersRepository } from '../members/members.repository';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import {
  NeedsOwnerReason,
  type AccountOwnership,
  type AddSocialAccountInput,
  type SocialAccount,
  type SocialAccountConnection,
  type SocialAccountFilter,
} from './account.models';
import { AccountsRepository, type AccountRow } from './accounts.repository';

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
  };
}

const cursorOf = (row: AccountRow) => encodeKeyCursor([row.client_sort, row.sort_name, row.id]);

/**
 * Social accounts and who owns them. Clearpost never stores an account password: brand accounts
 * will connect by OAuth (token encrypted at rest by SecretBox), staff accounts are a handle only.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly members: MembersRepository,
    private readonly audit: AuditService,
    private readonly clients: ClientsService,
  ) {}

  /** Grouped by client (the organization's own first), then by name. */
  async list(tx: Tx, organizationId: string, first: number, after: string | undefined, filter: SocialAccountFilter): Promise<SocialAccountConnection> {
    const rows = await this.accounts.page(tx, organizationId, {
      limit: first + 1,
      after: after ? (decodeKeyCursor(after, 3) as [string, string, string]) : null,
      includeDeactivated: !!filter.includeDeactivated,
      clientId: filter.clientId ?? null,
      withoutClient: !!filter.withoutClient,
      network: filter.network ?? null,
      kind: filter.kind ?? null,
      ownerId: filter.ownerId ?? null,
      needsOwner: filter.needsOwner ?? null,
      search: filter.search || null,
    });
    return toConnection(rows, first, cursorOf, toAccount);
  }

  async needingOwner(tx: Tx, organizationId: string): Promise<SocialAccount[]> {
    return (await this.accounts.needingOwner(tx, organizationId, 500)).map(toAccount);
  }

  async get(tx: Tx, organizationId: string, id: string): Promise<SocialAccount> {
    const row = await this.accounts.get(tx, organizationId, id);
    if (!row) throw notFound('This account');
    return toAccount(row);
  }

  /** The ownership history of each account, in one statement. */
  async histories(tx: Tx, organizationId: string, accountIds: readonly string[]): Promise<AccountOwnership[][]> {
    const rows = await this.accounts.histories(tx, organizationId, accountIds);
    return accountIds.map((id) =>
      rows.filter((row) => row.account_id === id).map((h) => ({ ...h, assignedAt: new Date(h.assignedAt), endedAt: h.endedAt ? new Date(h.endedAt) : null })),
    );
  }

  async add(tx: Tx, actor: TenantActor, input: AddSocialAccountInput): Promise<SocialAccount> {
    const manages = can(actor.role, 'account.manage');
    if (input.kind === 'BRAND' && !manages) {
      throw forbidden('Only owners and admins add brand accounts. You can register your own handle as a staff account.');
    }
    if (input.kind === 'STAFF' && input.clientId) throw badInput('clientId', 'A staff handle belongs to a person, not to a client.');
    if (!manages && input.ownerId && input.ownerId !== actor.userId) throw forbidden('You can register only your own handles.');
    const normalized = normalizeHandle(input.network, input.handle, input.kind);
    if (!normalized.ok) throw badInput('handle', normalized.message);
    if (input.clientId) await this.clients.assertActiveClients(tx, actor.organizationId, [input.clientId], 'clientId');
    const ownerId = input.ownerId ?? (input.kind === 'STAFF' ? actor.userId : null);
    const owner = ownerId ? await this.assertCanOwn(tx, actor.organizationId, ownerId, 'ownerId') : null;

    if (await this.accounts.handleTaken(tx, actor.organizationId, input.network, normalized.handle)) throw this.duplicate(input.network, normalized.handle);
    const id = randomUUID();
    try {
      await this.accounts.insert(tx, {
        organizationId: actor.organizationId,
        id,
        network: input.network,
        handle: normalized.handle,
        displayName: input.displayName,
        kind: input.kind,
        clientId: input.clientId ?? null,
        ownerId,
        createdBy: actor.userId,
        timezone: input.timezone ?? 'UTC',
      });
    } catch (error) {
      // Two people registering the same handle at once: the unique index decides.
      if (isUniqueViolation(error)) throw this.duplicate(input.network, normalized.handle);
      throw error;
    }
    await this.audit.record(tx, actor.organizationId, {
      action: 'account.added',
      actorUserId: actor.userId,
      targetType: 'social_account',
      targetId: id,
      data: { network: input.network, handle: normalized.handle, kind: input.kind, clientId: input.clientId ?? null, ownerId },
    });
    if (ownerId && owner) await this.startOwnership(tx, actor, id, null, { id: ownerId, name: owner.name });
    return this.get(tx, actor.organizationId, id);
  }

  async assignOwner(tx: Tx, actor: TenantActor, accountId: string, memberId: string): Promise<SocialAccount> {
    const account = await this.accounts.lock(tx, actor.organizationId, accountId);
    if (!account) throw notFound('This account');
    if (account.deactivated_at) throw conflict('This account is deactivated. Reactivate it by adding it again.');
    const owner = await this.assertCanOwn(tx, actor.organizationId, memberId, 'memberId');
    const current = account.owner_user_id ? await this.members.active(tx, actor.organizationId, account.owner_user_id) : null;
    if (account.owner_user_id === memberId && current) return this.get(tx, actor.organizationId, accountId); // already theirs
    await this.startOwnership(tx, actor, accountId, account.owner_user_id, { id: memberId, name: owner.name });
    return this.get(tx, actor.organizationId, accountId);
  }

  async deactivate(tx: Tx, actor: TenantActor, id: string): Promise<SocialAccount> {
    await this.audit.change(
      tx,
      actor.organizationId,
      'This account',
      () => this.accounts.lock(tx, actor.organizationId, id),
      async (account) => {
        const ownStaffHandle = account.kind === 'STAFF' && account.owner_user_id === actor.userId;
        if (!can(actor.role, 'account.manage') && !ownStaffHandle) throw forbidden('Only owners and admins deactivate accounts other than their own handles.');
        if (account.deactivated_at) return { result: null, event: null };
        await this.accounts.deactivate(tx, actor.organizationId, id, actor.userId);
        return {
          result: null,
          event: {
            action: 'account.deactivated',
            actorUserId: actor.userId,
            targetType: 'social_account',
            targetId: id,
            data: { network: account.network, handle: account.handle },
          },
        };
      },
    );
    return this.get(tx, actor.organizationId, id);
  }

  private async startOwnership(
    tx: Tx,
    actor: TenantActor,
    accountId: string,
    previousOwnerId: string | null,
    owner: { id: string; name: string },
  ): Promise<void> {
    await this.accounts.startOwnership(tx, actor.organizationId, accountId, owner.id, actor.userId, randomUUID());
    await this.audit.record(tx, actor.organizationId, {
      action: 'account.owner_assigned',
      actorUserId: actor.userId,
      targetType: 'social_account',
      targetId: accountId,
      data: { from: previousOwnerId, to: owner.id, ownerName: owner.name },
    });
  }

  /** Owners are current staff: client users and people who left cannot own an account. */
  private async assertCanOwn(tx: Tx, organizationId: string, userId: string, field: string): Promise<{ name: string }> {
    const member = await this.members.active(tx, organizationId, userId);
    if (!member) throw badInput(field, 'The owner must be a current member of this organization.');
    if (isClientRole(member.role)) throw badInput(field, 'People from a client company cannot own accounts; choose a member of your staff.');
    return member;
  }

  private duplicate(network: Network, handle: string) {
    return conflict(`${displayHandle(network, handle)} is already registered on ${network} in this organization.`, { field: 'handle' });
  }
}
