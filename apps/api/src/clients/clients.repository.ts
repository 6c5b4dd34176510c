import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';

export interface ClientRow {
  id: string;
  name: string;
  created_at: Date;
  archived_at: Date | null;
  can_read: boolean;
  terms: string[] | null;
  account_count: number;
  team: Array<{ id: string; name: string; role: string }>;
  sort_key: string;
}

/**
 * One query shape for every read. Confidential terms come from their own table, which RLS lets
 * only owners, admins, compliance and the client's team read: for anyone else the join finds
 * nothing and `terms` is null. `can_read` asks the same function the policy uses.
 */
const SELECT_CLIENT = `
  select c.id, c.name, c.created_at, c.archived_at, lower(c.name) as sort_key,
         ((select app_confidential_scope()) is null or c.id = any ((select app_confidential_scope())::uuid[])) as can_read,
         t.terms,
         (select count(*)::int from social_account a
           where a.organization_id = c.organization_id and a.client_id = c.id and a.deactivated_at is null) as account_count,
         coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name, 'role', m.role) order by m.sort_name)
                     from membership_client mc
                     join membership m on m.organization_id = mc.organization_id and m.user_id = mc.user_id and m.removed_at is null
                     join app_user u on u.id = mc.user_id
                    where mc.organization_id = c.organization_id and mc.client_id = c.id), '[]') as team
    from client c
    left join client_confidential_terms t on t.organization_id = c.organization_id and t.client_id = c.id`;

export interface ClientPageQuery {
  limit: number;
  after: [string, string] | null;
  includeArchived: boolean;
  search: string | null;
}

/** client and client_confidential_terms. */
@Injectable()
export class ClientsRepository {
  /** By name, keyset on (lower(name), id): the index client_name_order serves the order. */
  page(tx: Tx, organizationId: string, query: ClientPageQuery): Promise<ClientRow[]> {
    const params: unknown[] = [organizationId, query.limit];
    const where = ['c.organization_id = $1'];
    if (!query.includeArchived) where.push('c.archived_at is null');
    if (query.search) {
      params.push(`%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`c.name ilike $${params.length}`);
    }
    if (query.after) {
      params.push(query.after[0], query.after[1]);
      where.push(`(lower(c.name), c.id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    const plain = !query.search && !query.includeArchived;
    return tx.many(
      `${SELECT_CLIENT} where ${where.join(' and ')} order by lower(c.name), c.id limit $2`,
      params,
      plain ? { name: query.after ? 'clients.next_page' : 'clients.first_page' } : {},
    );
  }

  get(tx: Tx, organizationId: string, id: string): Promise<ClientRow | null> {
    return tx.one(`${SELECT_CLIENT} where c.organization_id = $1 and c.id = $2`, [organizationId, id]);
  }

  lock(tx: Tx, organizationId: string, id: string): Promise<{ name: string; archived_at: Date | null } | null> {
    return tx.one(`select name, archived_at from client where organization_id = $1 and id = $2 for update`, [organizationId, id]);
  }

  async nameTaken(tx: Tx, organizationId: string, name: string, exceptId: string | null): Promise<boolean> {
    return !!(await tx.one(
      `select 1 from client where organization_id = $1 and lower(name) = lower($2) and archived_at is null and id is distinct from $3::uuid`,
      [organizationId, name, exceptId],
    ));
  }

  async insert(tx: Tx, client: { organizationId: string; id: string; name: string; createdBy: string; terms: string[] }): Promise<void> {
    await tx.query(`insert into client (organization_id, id, name, created_by) values ($1, $2, $3, $4)`, [
      client.organizationId,
      client.id,
      client.name,
      client.createdBy,
    ]);
    await tx.query(`insert into client_confidential_terms (organization_id, client_id, terms, updated_by) values ($1, $2, $3, $4)`, [
      client.organizationId,
      client.id,
      client.terms,
      client.createdBy,
    ]);
  }

  async rename(tx: Tx, organizationId: string, id: string, name: string): Promise<void> {
    await tx.query(`update client set name = $3 where organization_id = $1 and id = $2`, [organizationId, id, name]);
  }

  async archive(tx: Tx, organizationId: string, id: string, archivedBy: string): Promise<void> {
    await tx.query(`update client set archived_at = now(), archived_by = $3 where organization_id = $1 and id = $2`, [organizationId, id, archivedBy]);
  }

  /** The terms, locked; null when RLS does not let the caller read them. */
  async lockTerms(tx: Tx, organizationId: string, id: string): Promise<string[] | null> {
    return (
      (
        await tx.one<{ terms: string[] }>(`select terms from client_confidential_terms where organization_id = $1 and client_id = $2 for update`, [
          organizationId,
          id,
        ])
      )?.terms ?? null
    );
  }

  async setTerms(tx: Tx, organizationId: string, id: string, terms: string[], updatedBy: string): Promise<void> {
    await tx.query(`update client_confidential_terms set terms = $3, updated_at = now(), updated_by = $4 where organization_id = $1 and client_id = $2`, [
      organizationId,
      id,
      terms,
      updatedBy,
    ]);
  }

  /** Which of `ids` are active clients of the organization. */
  async activeAmong(tx: Tx, organizationId: string, ids: string[]): Promise<string[]> {
    const rows = await tx.many<{ id: string }>(`select id from client where organization_id = $1 and id = any($2::uuid[]) and archived_at is null`, [
      organizationId,
      ids,
    ]);
    return rows.map((row) => row.id);
  }
}
