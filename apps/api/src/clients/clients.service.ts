import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import { decodeKeyCursor, encodeKeyCursor } from '../common/pagination';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import type { Client, ClientConnection, ClientFilter, CreateClientInput, UpdateClientInput } from './client.models';

interface ClientRow {
  id: string;
  name: string;
  created_at: Date;
  archived_at: Date | null;
  can_read: boolean;
  terms: string[] | null;
  account_count: number;
  team: Array<{ id: string; name: string; role: string }>;
}

/**
 * One query shape for every read. Confidential terms come from their own table, which RLS lets
 * only owners, admins, compliance and the client's team read: for anyone else the join finds
 * nothing and `terms` is null. `can_read` asks the same function the policy uses.
 */
const SELECT_CLIENT = `
  select c.id, c.name, c.created_at, c.archived_at,
         ((select app_confidential_scope()) is null or c.id = any ((select app_confidential_scope())::uuid[])) as can_read,
         t.terms,
         (select count(*)::int from social_account a
           where a.organization_id = c.organization_id and a.client_id = c.id and a.deactivated_at is null) as account_count,
         coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name, 'role', m.role) order by lower(u.name))
                     from membership_client mc
                     join membership m on m.organization_id = mc.organization_id and m.user_id = mc.user_id and m.removed_at is null
                     join app_user u on u.id = mc.user_id
                    where mc.organization_id = c.organization_id and mc.client_id = c.id), '[]') as team
    from client c
    left join client_confidential_terms t on t.organization_id = c.organization_id and t.client_id = c.id`;

function toClient(row: ClientRow): Client {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    archivedAt: row.archived_at,
    canReadConfidentialTerms: row.can_read,
    confidentialTerms: row.can_read ? (row.terms ?? []) : null,
    accountCount: row.account_count,
    team: row.team,
  };
}

/** Clients and their confidential terms. Client users see only their own clients (RLS). */
@Injectable()
export class ClientsService {
  constructor(private readonly audit: AuditService) {}

  async list(manager: EntityManager, organizationId: string, first: number, after: string | undefined, filter: ClientFilter): Promise<ClientConnection> {
    const params: unknown[] = [organizationId, first + 1];
    const where = ['c.organization_id = $1'];
    if (!filter.includeArchived) where.push('c.archived_at is null');
    if (filter.search) {
      params.push(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`c.name ilike $${params.length}`);
    }
    if (after) {
      const [name, id] = decodeKeyCursor(after, 2);
      params.push(name, id);
      where.push(`(lower(c.name), c.id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    const rows = (await manager.query(`${SELECT_CLIENT} where ${where.join(' and ')} order by lower(c.name), c.id limit $2`, params)) as ClientRow[];
    const page = rows.slice(0, first).map(toClient);
    const cursor = (client: Client) => encodeKeyCursor([client.name.toLowerCase(), client.id]);
    return {
      edges: page.map((node) => ({ cursor: cursor(node), node })),
      pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? cursor(page[page.length - 1]) : null },
    };
  }

  async get(manager: EntityManager, organizationId: string, id: string): Promise<Client> {
    const [row] = (await manager.query(`${SELECT_CLIENT} where c.organization_id = $1 and c.id = $2`, [organizationId, id])) as ClientRow[];
    if (!row) throw notFound('This client');
    return toClient(row);
  }

  async create(manager: EntityManager, actor: TenantActor, input: CreateClientInput): Promise<Client> {
    const id = randomUUID();
    await this.assertNameFree(manager, actor.organizationId, input.name);
    await manager.query(`insert into client (organization_id, id, name, created_by) values ($1, $2, $3, $4)`, [
      actor.organizationId,
      id,
      input.name,
      actor.userId,
    ]);
    const terms = input.confidentialTerms ?? [];
    await manager.query(`insert into client_confidential_terms (organization_id, client_id, terms, updated_by) values ($1, $2, $3, $4)`, [
      actor.organizationId,
      id,
      terms,
      actor.userId,
    ]);
    await this.audit.record(manager, actor.organizationId, {
      action: 'client.created',
      actorUserId: actor.userId,
      targetType: 'client',
      targetId: id,
      data: { name: input.name, confidentialTermCount: terms.length },
    });
    return this.get(manager, actor.organizationId, id);
  }

  async update(manager: EntityManager, actor: TenantActor, input: UpdateClientInput): Promise<Client> {
    const before = await this.lock(manager, actor.organizationId, input.id);
    if (input.name !== undefined && input.name !== before.name) {
      await this.assertNameFree(manager, actor.organizationId, input.name, input.id);
      await manager.query(`update client set name = $3 where organization_id = $1 and id = $2`, [actor.organizationId, input.id, input.name]);
      await this.audit.record(manager, actor.organizationId, {
        action: 'client.renamed',
        actorUserId: actor.userId,
        targetType: 'client',
        targetId: input.id,
        data: { from: before.name, to: input.name },
      });
    }
    if (input.confidentialTerms !== undefined) {
      const [current] = (await manager.query(
        `select terms from client_confidential_terms where organization_id = $1 and client_id = $2 for update`,
        [actor.organizationId, input.id],
      )) as Array<{ terms: string[] }>;
      if (!current) throw forbidden('You may not change this client’s confidential terms.');
      const previous = new Set(current.terms);
      const next = new Set(input.confidentialTerms);
      const added = input.confidentialTerms.filter((term) => !previous.has(term));
      const removed = current.terms.filter((term) => !next.has(term));
      if (added.length || removed.length) {
        await manager.query(
          `update client_confidential_terms set terms = $3, updated_at = now(), updated_by = $4 where organization_id = $1 and client_id = $2`,
          [actor.organizationId, input.id, input.confidentialTerms, actor.userId],
        );
        // The trail is read only by roles that may read the terms, so it records them.
        await this.audit.record(manager, actor.organizationId, {
          action: 'client.confidential_terms_changed',
          actorUserId: actor.userId,
          targetType: 'client',
          targetId: input.id,
          data: { added, removed, count: input.confidentialTerms.length },
        });
      }
    }
    return this.get(manager, actor.organizationId, input.id);
  }

  async archive(manager: EntityManager, actor: TenantActor, id: string): Promise<Client> {
    const before = await this.lock(manager, actor.organizationId, id);
    if (!before.archived_at) {
      await manager.query(`update client set archived_at = now(), archived_by = $3 where organization_id = $1 and id = $2`, [
        actor.organizationId,
        id,
        actor.userId,
      ]);
      await this.audit.record(manager, actor.organizationId, {
        action: 'client.archived',
        actorUserId: actor.userId,
        targetType: 'client',
        targetId: id,
        data: { name: before.name },
      });
    }
    return this.get(manager, actor.organizationId, id);
  }

  /** Checks that every id is an active client of the organization; throws naming the field otherwise. */
  async assertActiveClients(manager: EntityManager, organizationId: string, ids: string[], field = 'clientIds'): Promise<void> {
    if (!ids.length) return;
    const rows = (await manager.query(`select id from client where organization_id = $1 and id = any($2::uuid[]) and archived_at is null`, [
      organizationId,
      ids,
    ])) as Array<{ id: string }>;
    if (rows.length !== new Set(ids).size) throw badInput(field, 'One of the chosen clients does not exist or is archived.');
  }

  private async lock(manager: EntityManager, organizationId: string, id: string): Promise<{ name: string; archived_at: Date | null }> {
    const [row] = (await manager.query(`select name, archived_at from client where organization_id = $1 and id = $2 for update`, [
      organizationId,
      id,
    ])) as Array<{ name: string; archived_at: Date | null }>;
    if (!row) throw notFound('This client');
    return row;
  }

  private async assertNameFree(manager: EntityManager, organizationId: string, name: string, exceptId?: string): Promise<void> {
    const [taken] = await manager.query(
      `select 1 from client where organization_id = $1 and lower(name) = lower($2) and archived_at is null and id is distinct from $3::uuid`,
      [organizationId, name, exceptId ?? null],
    );
    if (taken) throw conflict(`A client named “${name}” already exists.`, { field: 'name' });
  }
}
