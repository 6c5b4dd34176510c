import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { permissionsOf, type Role } from '@clearpost/authz';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/errors';
import { Db } from '../database/db.service';
import type { Membership, Organization } from './organization.models';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates an organization with `creatorUserId` as its OWNER, inside the operation's transaction
   * (which it re-scopes to the new tenant), and starts its audit chain with the two events.
   */
  async create(creatorUserId: string, name: string): Promise<Organization> {
    const id = randomUUID();
    await this.db.setScope({ organizationId: id, userId: creatorUserId });
    const manager = await this.db.manager();
    const [organization] = (await manager.query(
      `insert into organization (id, name, created_by) values ($1, $2, $3) returning id, name, created_at`,
      [id, name, creatorUserId],
    )) as Array<{ id: string; name: string; created_at: Date }>;
    await manager.query(`insert into membership (organization_id, user_id, role) values ($1, $2, 'OWNER')`, [id, creatorUserId]);
    await this.audit.startChain(manager, id);
    await this.audit.record(manager, id, {
      action: 'organization.created',
      actorUserId: creatorUserId,
      targetType: 'organization',
      targetId: id,
      data: { name },
    });
    await this.audit.record(manager, id, {
      action: 'member.added',
      actorUserId: creatorUserId,
      targetType: 'user',
      targetId: creatorUserId,
      data: { role: 'OWNER' satisfies Role, reason: 'created the organization' },
    });
    return { id: organization.id, name: organization.name, createdAt: organization.created_at };
  }

  async rename(organizationId: string, actorUserId: string, name: string): Promise<Organization> {
    const manager = await this.db.manager();
    // One statement. FOR UPDATE in the subquery locks the row first and, under READ COMMITTED,
    // re-reads its latest version, so the previous name is right even under concurrent renames.
    const [[after]] = (await manager.query(
      `update organization o set name = $2
         from (select id, name from organization where id = $1 for update) before
        where o.id = before.id
        returning o.id, o.name, o.created_at, before.name as previous_name`,
      [organizationId, name],
    )) as [Array<{ id: string; name: string; created_at: Date; previous_name: string }>, number];
    if (!after) throw notFound('This organization');
    await this.audit.record(manager, organizationId, {
      action: 'organization.renamed',
      actorUserId,
      targetType: 'organization',
      targetId: organizationId,
      data: { from: after.previous_name, to: name },
    });
    return { id: after.id, name: after.name, createdAt: after.created_at };
  }

  /**
   * The person and the organizations they belong to, by name, in one statement. RLS lets a user
   * see their own memberships (and those organizations) whatever organization is named.
   */
  async personWithMemberships(userId: string): Promise<{ id: string; email: string; name: string; memberships: Membership[] } | null> {
    const manager = await this.db.manager();
    const [row] = (await manager.query(
      `select u.id, u.email, u.name,
              coalesce((select json_agg(json_build_object(
                         'role', m.role, 'joinedAt', m.created_at, 'id', o.id, 'name', o.name, 'createdAt', o.created_at,
                         'clientIds', array(select mc.client_id from membership_client mc
                                             where mc.organization_id = m.organization_id and mc.user_id = m.user_id order by mc.client_id))
                         order by lower(o.name), o.id)
                          from membership m join organization o on o.id = m.organization_id
                         where m.user_id = u.id and m.removed_at is null), '[]') as memberships
         from app_user u where u.id = $1`,
      [userId],
    )) as Array<{
      id: string;
      email: string;
      name: string;
      memberships: Array<{ role: Role; joinedAt: string; id: string; name: string; createdAt: string; clientIds: string[] }>;
    }>;
    if (!row) return null;
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      memberships: row.memberships.map((m) => ({
        role: m.role,
        joinedAt: new Date(m.joinedAt),
        clientIds: m.clientIds,
        permissions: permissionsOf(m.role),
        organization: { id: m.id, name: m.name, createdAt: new Date(m.createdAt) },
      })),
    };
  }
}
