import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import { decodeKeyCursor, encodeKeyCursor, toConnection } from '../common/pagination';
import type { Tx } from '../database/tx';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import type { Client, ClientConnection, ClientFilter, CreateClientInput, UpdateClientInput } from './client.models';
import { listChange } from '../versioning/diff';
import { ClientsRepository, type ClientRow } from './clients.repository';

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
  constructor(
    private readonly clients: ClientsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(tx: Tx, organizationId: string, first: number, after: string | undefined, filter: ClientFilter): Promise<ClientConnection> {
    const rows = await this.clients.page(tx, organizationId, {
      limit: first + 1,
      after: after ? (decodeKeyCursor(after, 2) as [string, string]) : null,
      includeArchived: !!filter.includeArchived,
      search: filter.search || null,
    });
    return toConnection(rows, first, (row) => encodeKeyCursor([row.sort_key, row.id]), toClient);
  }

  async get(tx: Tx, organizationId: string, id: string): Promise<Client> {
    const row = await this.clients.get(tx, organizationId, id);
    if (!row) throw notFound('This client');
    return toClient(row);
  }

  async create(tx: Tx, actor: TenantActor, input: CreateClientInput): Promise<Client> {
    const id = randomUUID();
    await this.assertNameFree(tx, actor.organizationId, input.name);
    const terms = input.confidentialTerms ?? [];
    await this.clients.insert(tx, { organizationId: actor.organizationId, id, name: input.name, createdBy: actor.userId, terms });
    await this.audit.record(tx, actor.organizationId, {
      action: 'client.created',
      actorUserId: actor.userId,
      targetType: 'client',
      targetId: id,
      data: { name: input.name, confidentialTermCount: terms.length },
    });
    return this.get(tx, actor.organizationId, id);
  }

  async update(tx: Tx, actor: TenantActor, input: UpdateClientInput): Promise<Client> {
    const organizationId = actor.organizationId;
    await this.audit.change(
      tx,
      organizationId,
      'This client',
      () => this.clients.lock(tx, organizationId, input.id),
      async (before) => {
        if (input.name === undefined || input.name === before.name) return { result: null, event: null };
        await this.assertNameFree(tx, organizationId, input.name, input.id);
        await this.clients.rename(tx, organizationId, input.id, input.name);
        return {
          result: null,
          event: { action: 'client.renamed', actorUserId: actor.userId, targetType: 'client', targetId: input.id, data: { from: before.name, to: input.name } },
        };
      },
    );
    if (input.confidentialTerms !== undefined) {
      const next = input.confidentialTerms;
      await this.audit.change(
        tx,
        organizationId,
        'This client',
        async () => {
          const current = await this.clients.lockTerms(tx, organizationId, input.id);
          if (current === null) throw forbidden('You may not change this client’s confidential terms.');
          return current;
        },
        async (current) => {
          const change = listChange(current, next);
          if (!change) return { result: null, event: null };
          await this.clients.setTerms(tx, organizationId, input.id, next, actor.userId);
          // The trail is read only by roles that may read the terms, so it records them.
          return {
            result: null,
            event: {
              action: 'client.confidential_terms_changed',
              actorUserId: actor.userId,
              targetType: 'client',
              targetId: input.id,
              data: change,
            },
          };
        },
      );
    }
    return this.get(tx, organizationId, input.id);
  }

  async archive(tx: Tx, actor: TenantActor, id: string): Promise<Client> {
    await this.audit.change(
      tx,
      actor.organizationId,
      'This client',
      () => this.clients.lock(tx, actor.organizationId, id),
      async (before) => {
        if (before.archived_at) return { result: null, event: null };
        await this.clients.archive(tx, actor.organizationId, id, actor.userId);
        return {
          result: null,
          event: { action: 'client.archived', actorUserId: actor.userId, targetType: 'client', targetId: id, data: { name: before.name } },
        };
      },
    );
    return this.get(tx, actor.organizationId, id);
  }

  /** Checks that every id is an active client of the organization; throws naming the field otherwise. */
  async assertActiveClients(tx: Tx, organizationId: string, ids: string[], field = 'clientIds'): Promise<void> {
    if (!ids.length) return;
    if ((await this.clients.activeAmong(tx, organizationId, ids)).length !== new Set(ids).size) {
      throw badInput(field, 'One of the chosen clients does not exist or is archived.');
    }
  }

  private async assertNameFree(tx: Tx, organizationId: string, name: string, exceptId?: string): Promise<void> {
    if (await this.clients.nameTaken(tx, organizationId, name, exceptId ?? null)) throw conflict(`A client named “${name}” already exists.`, { field: 'name' });
  }
}
