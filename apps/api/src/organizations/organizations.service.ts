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

  /** The organizations `userId` belongs to, by name. RLS lets a user see their own memberships. */
  async membershipsOf(userId: string): Promise<Membership[]> {
    const manager = await this.db.manager();
    const rows = (await manager.query(
      `select m.role, m.created_at as joined_at, o.id, o.name, o.created_at,
              array(select mc.client_id from membership_client mc
                     where mc.organization_id = m.organization_id and mc.user_id = m.user_id order by mc.client_id) as client_ids
         from membership m join organization o on o.id = m.organization_id
        where m.user_id = $1 and m.removed_at is null
        order by lower(o.name), o.id`,
      [userId],
    )) as Array<{ role: Role; joined_at: Date; id: string; name: string; created_at: Date; client_ids: string[] }>;
    return rows.map((row) => ({
      role: row.role,
      joinedAt: row.joined_at,
      clientIds: row.client_ids,
      permissions: permissionsOf(row.role),
      organization: { id: row.id, name: row.name, createdAt: row.created_at },
    }));
  }
}
