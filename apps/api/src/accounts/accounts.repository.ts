import { Injectable } from '@nestjs/common';
import type { Network } from '@clearpost/networks';
import type { Tx } from '../database/tx';
import type { AccountKind } from './account.models';

export interface AccountRow {
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
  client_sort: string;
  sort_name: string;
}

export interface OwnershipRow {
  owner: { id: string; name: string; email: string; active: boolean };
  assignedByName: string | null;
  assignedAt: string;
  endedAt: string | null;
  endedReason: string | null;
}

const SELECT_ACCOUNT = `
  select a.id, a.network, a.handle, a.display_name, a.kind, a.created_at, a.deactivated_at, a.timezone,
         a.oauth_token_encrypted is not null as connected,
         c.id as client_id, c.name as client_name,
         o.id as owner_id, o.name as owner_name, o.email as owner_email, om.user_id is not null as owner_active,
         a.client_sort, lower(a.display_name) as sort_name
    from social_account a
    left join client c on c.organization_id = a.organization_id and c.id = a.client_id
    left join app_user o on o.id = a.owner_user_id
    left join membership om on om.organization_id = a.organization_id and om.user_id = a.owner_user_id and om.removed_at is null`;

/** An active account needs an owner when it has none or its owner has left the organization. */
const NEEDS_OWNER_SQL = `(a.deactivated_at is null and (a.owner_user_id is null or om.user_id is null))`;

export interface AccountPageQuery {
  limit: number;
  after: [string, string, string] | null;
  includeDeactivated: boolean;
  clientId: string | null;
  withoutClient: boolean;
  network: Network | null;
  kind: AccountKind | null;
  ownerId: string | null;
  needsOwner: boolean | null;
  /** Part of the handle or the display name (case-insensitive). */
  search: string | null;
}

/** social_account and account_ownership. */
@Injectable()
export class AccountsRepository {
  /**
   * Grouped by client name (the organization's own first), then by name, keyset on
   * (client_sort, lower(display_name), id): social_account_page_order serves the order, and for one
   * client (a client user's page, or a client filter) social_account_client_page_order does.
   */
  page(tx: Tx, organizationId: string, query: AccountPageQuery): Promise<AccountRow[]> {
    const params: unknown[] = [organizationId, query.limit];
    const where = ['a.organization_id = $1'];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (!query.includeDeactivated) where.push('a.deactivated_at is null');
    if (query.clientId) add((n) => `a.client_id = $${n}`, query.clientId);
    if (query.withoutClient) where.push('a.client_id is null');
    if (query.network) add((n) => `a.network = $${n}`, query.network);
    if (query.kind) add((n) => `a.kind = $${n}`, query.kind);
    if (query.ownerId) add((n) => `a.owner_user_id = $${n}`, query.ownerId);
    if (query.needsOwner !== null) where.push(query.needsOwner ? NEEDS_OWNER_SQL : `not ${NEEDS_OWNER_SQL}`);
    if (query.search) {
      const pattern = `%${query.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      add((n) => `(a.handle like $${n} or lower(a.display_name) like $${n})`, pattern);
    }
    if (query.after) {
      params.push(...query.after);
      const n = params.length;
      where.push(`(a.client_sort, lower(a.display_name), a.id) > ($${n - 2}, $${n - 1}, $${n}::uuid)`);
    }
    const plain = where.length === (query.after ? 3 : 2) && !query.includeDeactivated;
    return tx.many(
      `${SELECT_ACCOUNT} where ${where.join(' and ')} order by a.client_sort, lower(a.display_name), a.id limit $2`,
      params,
      plain ? { name: query.after ? 'accounts.next_page' : 'accounts.first_page' } : {},
    );
  }

  needingOwner(tx: Tx, organizationId: string, limit: number): Promise<AccountRow[]> {
    return tx.many(`${SELECT_ACCOUNT} where a.organization_id = $1 and ${NEEDS_OWNER_SQL} order by a.client_sort, lower(a.display_name), a.id limit $2`, [
      organizationId,
      limit,
    ]);
  }

  get(tx: Tx, organizationId: string, id: string): Promise<AccountRow | null> {
    return tx.one(`${SELECT_ACCOUNT} where a.organization_id = $1 and a.id = $2`, [organizationId, id]);
  }

  /** Every ownership period of each account, newest first, in one statement (batched by a DataLoader). */
  histories(tx: Tx, organizationId: string, accountIds: readonly string[]): Promise<Array<OwnershipRow & { account_id: string }>> {
    return tx.many(
      `select h.account_id, json_build_object('id', hu.id, 'name', hu.name, 'email', hu.email, 'active', hm.user_id is not null) as owner,
              ab.name as "assignedByName", h.assigned_at as "assignedAt", h.ended_at as "endedAt", h.ended_reason as "endedReason"
         from account_ownership h
         join app_user hu on hu.id = h.owner_user_id
         left join app_user ab on ab.id = h.assigned_by
         left join membership hm on hm.organization_id = h.organization_id and hm.user_id = h.owner_user_id and hm.removed_at is null
        where h.organization_id = $1 and h.account_id = any($2::uuid[])
        order by h.account_id, h.assigned_at desc, h.id`,
      [organizationId, accountIds],
    );
  }

  lock(
    tx: Tx,
    organizationId: string,
    id: string,
  ): Promise<{ network: Network; handle: string; kind: AccountKind; owner_user_id: string | null; deactivated_at: Date | null } | null> {
    return tx.one(`select network, handle, kind, owner_user_id, deactivated_at from social_account where organization_id = $1 and id = $2 for update`, [
      organizationId,
      id,
    ]);
  }

  async handleTaken(tx: Tx, organizationId: string, network: Network, handle: string): Promise<boolean> {
    return !!(await tx.one(`select 1 from social_account where organization_id = $1 and network = $2 and handle = $3 and deactivated_at is null`, [
      organizationId,
      network,
      handle,
    ]));
  }

  async insert(
    tx: Tx,
    account: {
      organizationId: string;
      id: string;
      network: Network;
      handle: string;
      displayName: string;
      kind: AccountKind;
      clientId: string | null;
      ownerId: string | null;
      createdBy: string;
      timezone: string;
    },
  ): Promise<void> {
    await tx.query(
      `insert into social_account (organization_id, id, network, handle, display_name, kind, client_id, owner_user_id, created_by, timezone)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        account.organizationId,
        account.id,
        account.network,
        account.handle,
        account.displayName,
        account.kind,
        account.clientId,
        account.ownerId,
        account.createdBy,
        account.timezone,
      ],
    );
  }

  /** How the account publishes: a connector, what it needs to reach the network, the token sealed at rest. */
  async setConnection(
    tx: Tx,
    organizationId: string,
    id: string,
    connection: { connector: 'SANDBOX' | 'MASTODON' | 'BLUESKY'; details: Record<string, unknown> | null; sealedToken: string | null; by: string | null },
  ): Promise<void> {
    await tx.query(
      `update social_account set connector = $3, connection = $4::jsonb, oauth_token_encrypted = $5,
              connected_at = case when $5::text is null then null else now() end, connected_by = case when $5::text is null then null else $6::uuid end
        where organization_id = $1 and id = $2`,
      [organizationId, id, connection.connector, connection.details ? JSON.stringify(connection.details) : null, connection.sealedToken, connection.by],
    );
  }

  async deactivate(tx: Tx, organizationId: string, id: string, by: string): Promise<void> {
    await tx.query(`update social_account set deactivated_at = now(), deactivated_by = $3 where organization_id = $1 and id = $2`, [organizationId, id, by]);
    await tx.query(
      `update account_ownership set ended_at = now(), ended_reason = 'deactivated' where organization_id = $1 and account_id = $2 and ended_at is null`,
      [organizationId, id],
    );
  }

  /** Ends the current ownership period (if any) and starts `ownerId`'s. */
  async startOwnership(tx: Tx, organizationId: string, accountId: string, ownerId: string, assignedBy: string, periodId: string): Promise<void> {
    await tx.query(
      `update account_ownership set ended_at = now(), ended_reason = 'reassigned' where organization_id = $1 and account_id = $2 and ended_at is null`,
      [organizationId, accountId],
    );
    await tx.query(`insert into account_ownership (organization_id, id, account_id, owner_user_id, assigned_by) values ($1, $2, $3, $4, $5)`, [
      organizationId,
      periodId,
      accountId,
      ownerId,
      assignedBy,
    ]);
    await tx.query(`update social_account set owner_user_id = $3 where organization_id = $1 and id = $2`, [organizationId, accountId, ownerId]);
  }

  async ownedCount(tx: Tx, organizationId: string, ownerId: string): Promise<number> {
    const row = await tx.one<{ n: number }>(
      `select count(*)::int as n from social_account where organization_id = $1 and owner_user_id = $2 and deactivated_at is null`,
      [organizationId, ownerId],
    );
    return row?.n ?? 0;
  }

  /** A departing member's accounts: their ownership periods end now; returns the accounts now needing an owner. */
  async endOwnershipsOf(tx: Tx, organizationId: string, ownerId: string): Promise<string[]> {
    const orphaned = await tx.many<{ id: string }>(
      `select id from social_account where organization_id = $1 and owner_user_id = $2 and deactivated_at is null order by id`,
      [organizationId, ownerId],
    );
    await tx.query(
      `update account_ownership set ended_at = now(), ended_reason = 'owner_removed' where organization_id = $1 and owner_user_id = $2 and ended_at is null`,
      [organizationId, ownerId],
    );
    return orphaned.map((row) => row.id);
  }

  /** What a policy check needs to know of the account. */
  facts(tx: Tx, organizationId: string, id: string): Promise<AccountFacts | null> {
    return tx.one(`select id, network, kind, client_id, timezone from social_account where organization_id = $1 and id = $2`, [organizationId, id], {
      name: 'accounts.facts',
    });
  }

  async isActive(tx: Tx, organizationId: string, id: string): Promise<boolean> {
    return !!(await tx.one(`select 1 from social_account where organization_id = $1 and id = $2 and deactivated_at is null`, [organizationId, id]));
  }
}

export interface AccountFacts {
  id: string;
  network: Network;
  kind: AccountKind;
  client_id: string | null;
  timezone: string;
}
