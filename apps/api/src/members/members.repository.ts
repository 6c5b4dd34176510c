import { Injectable } from '@nestjs/common';
import type { Locale, Role } from '@clearpost/authz';
import type { Tx } from '../database/tx';

export interface MemberRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  joined_at: Date;
  removed_at: Date | null;
  clients: Array<{ id: string; name: string }>;
  owned_account_count: number;
}

export interface PersonWithMemberships {
  id: string;
  email: string;
  name: string;
  locale: Locale | null;
  memberships: Array<{ role: Role; joinedAt: string; id: string; name: string; createdAt: string; clientIds: string[] }>;
}

const SELECT_MEMBER = `
  select u.id, u.name, u.email, m.role, m.created_at as joined_at, m.removed_at,
         coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name) order by lower(c.name))
                     from membership_client mc join client c on c.organization_id = mc.organization_id and c.id = mc.client_id
                    where mc.organization_id = m.organization_id and mc.user_id = m.user_id), '[]') as clients,
         (select count(*)::int from social_account a
           where a.organization_id = m.organization_id and a.owner_user_id = m.user_id and a.deactivated_at is null) as owned_account_count
    from membership m join app_user u on u.id = m.user_id`;

/** membership and membership_client: who belongs to an organization, with which role and clients. */
@Injectable()
export class MembersRepository {
  list(tx: Tx, organizationId: string): Promise<MemberRow[]> {
    return tx.many(`${SELECT_MEMBER} where m.organization_id = $1 and m.removed_at is null order by m.sort_name, m.user_id`, [organizationId], {
      name: 'members.list',
    });
  }

  /**
   * A page of current members by name, keyset on (sort_name, user_id): membership_name_order
   * serves the order. `search` matches the name or the email.
   */
  page(
    tx: Tx,
    organizationId: string,
    query: { limit: number; after: [string, string] | null; search: string | null },
  ): Promise<Array<MemberRow & { sort_name: string }>> {
    const params: unknown[] = [organizationId, query.limit];
    const where = ['m.organization_id = $1', 'm.removed_at is null'];
    if (query.search) {
      params.push(`%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(u.name ilike $${params.length} or u.email ilike $${params.length})`);
    }
    if (query.after) {
      params.push(...query.after);
      where.push(`(m.sort_name, m.user_id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    return tx.many(
      `${SELECT_MEMBER.replace('select u.id,', 'select m.sort_name, u.id,')} where ${where.join(' and ')} order by m.sort_name, m.user_id limit $2`,
      params,
      query.search ? {} : { name: query.after ? 'members.next_page' : 'members.first_page' },
    );
  }

  get(tx: Tx, organizationId: string, userId: string, includeRemoved = false): Promise<MemberRow | null> {
    return tx.one(`${SELECT_MEMBER} where m.organization_id = $1 and m.user_id = $2 ${includeRemoved ? '' : 'and m.removed_at is null'}`, [
      organizationId,
      userId,
    ]);
  }

  /** A current member's name and role, or null. */
  active(tx: Tx, organizationId: string, userId: string): Promise<{ name: string; role: Role } | null> {
    return tx.one(
      `select u.name, m.role from membership m join app_user u on u.id = m.user_id
        where m.organization_id = $1 and m.user_id = $2 and m.removed_at is null`,
      [organizationId, userId],
    );
  }

  /** Whether `email` already belongs to a current member. */
  async hasEmail(tx: Tx, organizationId: string, email: string): Promise<boolean> {
    return !!(await tx.one(
      `select 1 from membership m join app_user u on u.id = m.user_id where m.organization_id = $1 and lower(u.email) = $2 and m.removed_at is null`,
      [organizationId, email],
    ));
  }

  async insert(tx: Tx, organizationId: string, userId: string, role: Role): Promise<void> {
    await tx.query(`insert into membership (organization_id, user_id, role, sort_name) select $1, $2, $3, lower(u.name) from app_user u where u.id = $2`, [
      organizationId,
      userId,
      role,
    ]);
  }

  /** The membership row of a person, locked, removed or not. */
  lockOwn(tx: Tx, organizationId: string, userId: string): Promise<{ removed_at: Date | null } | null> {
    return tx.one(`select removed_at from membership where organization_id = $1 and user_id = $2 for update`, [organizationId, userId]);
  }

  async reactivate(tx: Tx, organizationId: string, userId: string, role: Role): Promise<void> {
    await tx.query(`update membership set role = $3, created_at = now(), removed_at = null, removed_by = null where organization_id = $1 and user_id = $2`, [
      organizationId,
      userId,
      role,
    ]);
  }

  /**
   * Locks the given members and every current owner, always in user-id order, so concurrent role
   * changes and removals queue instead of deadlocking; returns their roles as they are now.
   */
  lockWithOwners(tx: Tx, organizationId: string, userIds: string[]): Promise<Array<{ user_id: string; role: Role }>> {
    return tx.many(
      `select user_id, role from membership
        where organization_id = $1 and removed_at is null and (role = 'OWNER' or user_id = any($2::uuid[]))
        order by user_id for update`,
      [organizationId, userIds],
    );
  }

  async owners(tx: Tx, organizationId: string): Promise<string[]> {
    const rows = await tx.many<{ user_id: string }>(`select user_id from membership where organization_id = $1 and role = 'OWNER' and removed_at is null`, [
      organizationId,
    ]);
    return rows.map((row) => row.user_id);
  }

  async setRole(tx: Tx, organizationId: string, userId: string, role: Role): Promise<void> {
    await tx.query(`update membership set role = $3 where organization_id = $1 and user_id = $2`, [organizationId, userId, role]);
  }

  async markRemoved(tx: Tx, organizationId: string, userId: string, removedBy: string): Promise<void> {
    await tx.query(`update membership set removed_at = now(), removed_by = $3 where organization_id = $1 and user_id = $2`, [
      organizationId,
      userId,
      removedBy,
    ]);
    await tx.query(`delete from membership_client where organization_id = $1 and user_id = $2`, [organizationId, userId]);
  }

  async setClients(tx: Tx, organizationId: string, userId: string, clientIds: string[]): Promise<void> {
    await tx.query(`delete from membership_client where organization_id = $1 and user_id = $2`, [organizationId, userId]);
    await tx.query(`insert into membership_client (organization_id, user_id, client_id) select $1, $2, unnest($3::uuid[]) on conflict do nothing`, [
      organizationId,
      userId,
      [...new Set(clientIds)],
    ]);
  }

  async clientIdsOf(tx: Tx, organizationId: string, userId: string): Promise<string[]> {
    const rows = await tx.many<{ client_id: string }>(
      `select client_id from membership_client where organization_id = $1 and user_id = $2 order by client_id`,
      [organizationId, userId],
    );
    return rows.map((row) => row.client_id);
  }

  /** The person and the organizations they belong to, by name, in one statement (RLS lets them see their own). */
  personWithMemberships(tx: Tx, userId: string): Promise<PersonWithMemberships | null> {
    return tx.one(
      `select u.id, u.email, u.name, u.locale,
              coalesce((select json_agg(json_build_object(
                         'role', m.role, 'joinedAt', m.created_at, 'id', o.id, 'name', o.name, 'createdAt', o.created_at,
                         'clientIds', array(select mc.client_id from membership_client mc
                                             where mc.organization_id = m.organization_id and mc.user_id = m.user_id order by mc.client_id))
                         order by lower(o.name), o.id)
                          from membership m join organization o on o.id = m.organization_id
                         where m.user_id = u.id and m.removed_at is null), '[]') as memberships
         from app_user u where u.id = $1`,
      [userId],
      { name: 'members.person' },
    );
  }

  /** Every organization a person has a membership row in (removed or not): where their sign-ins are recorded. */
  async organizationIdsOf(tx: Tx, userId: string): Promise<string[]> {
    // In one order for everyone: a change recorded in several organizations locks their audit
    // heads in this order at commit, and two such commits must not take them in opposite orders.
    const rows = await tx.many<{ organization_id: string }>(`select organization_id from membership where user_id = $1 order by organization_id`, [userId]);
    return rows.map((row) => row.organization_id);
  }
}
