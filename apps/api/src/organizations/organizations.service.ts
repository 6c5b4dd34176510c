import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Role } from '@clearpost/authz';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/errors';
import type { Tx } from '../database/tx';
import { MembersRepository } from '../members/members.repository';
import type { Organization } from './organization.models';
import { OrganizationsRepository, type OrganizationRow } from './organizations.repository';

const toOrganization = (row: OrganizationRow): Organization => ({ id: row.id, name: row.name, createdAt: row.created_at });

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly members: MembersRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates an organization with `creatorUserId` as its OWNER, inside `tx` (which it re-scopes to
   * the new tenant), and starts its audit chain with the two events.
   */
  async create(tx: Tx, creatorUserId: string, name: string): Promise<Organization> {
    const id = randomUUID();
    await tx.rescope({ organizationId: id, userId: creatorUserId });
    const organization = await this.organizations.insert(tx, id, name, creatorUserId);
    if (!organization) throw new Error('organization not created');
    await this.members.insert(tx, id, creatorUserId, 'OWNER');
    await this.audit.startChain(tx, id);
    await this.audit.record(tx, id, { action: 'organization.created', actorUserId: creatorUserId, targetType: 'organization', targetId: id, data: { name } });
    await this.audit.record(tx, id, {
      action: 'member.added',
      actorUserId: creatorUserId,
      targetType: 'user',
      targetId: creatorUserId,
      data: { role: 'OWNER' satisfies Role, reason: 'created the organization' },
    });
    return toOrganization(organization);
  }

  async rename(tx: Tx, organizationId: string, actorUserId: string, name: string): Promise<Organization> {
    const after = await this.organizations.rename(tx, organizationId, name);
    if (!after) throw notFound('This organization');
    await this.audit.record(tx, organizationId, {
      action: 'organization.renamed',
      actorUserId,
      targetType: 'organization',
      targetId: organizationId,
      data: { from: after.previous_name, to: name },
    });
    return toOrganization(after);
  }

  async get(tx: Tx, organizationId: string): Promise<Organization> {
    const row = await this.organizations.get(tx, organizationId);
    if (!row) throw notFound('This organization');
    return toOrganization(row);
  }

  /** The organization's name, for mail and templates. */
  async nameOf(tx: Tx, organizationId: string): Promise<string> {
    return (await this.organizations.nameOf(tx, organizationId)) ?? 'the organization';
  }
}
