import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArg } from '../common/id-arg';
import { pageSize } from '../common/pagination';
import { CurrentTx } from '../database/current-tx.decorator';
import type { Tx } from '../database/tx';
import { RequirePermission } from '../tenancy/access.decorator';
import { CurrentMember, CurrentOrganizationId, type TenantActor } from '../tenancy/current-actor.decorator';
import { Client, ClientConnection, ClientFilter, CreateClientInput, UpdateClientInput } from './client.models';
import { ClientsService } from './clients.service';

@Resolver(() => Client)
export class ClientsResolver {
  constructor(private readonly clientsService: ClientsService) {}

  @Query(() => ClientConnection, { description: 'Clients by name. Client users see only their own.' })
  @RequirePermission('client.read')
  async clients(
    @CurrentOrganizationId() organizationId: string,
    @CurrentTx() tx: Tx,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('filter', { type: () => ClientFilter, nullable: true }) filter?: ClientFilter,
  ): Promise<ClientConnection> {
    return this.clientsService.list(tx, organizationId, pageSize(first), after, filter ?? {});
  }

  @Query(() => Client)
  @RequirePermission('client.read')
  async client(@CurrentOrganizationId() organizationId: string, @IdArg() id: string, @CurrentTx() tx: Tx): Promise<Client> {
    return this.clientsService.get(tx, organizationId, id);
  }

  @Mutation(() => Client)
  @RequirePermission('client.manage')
  async createClient(@CurrentMember() actor: TenantActor, @Args('input') input: CreateClientInput, @CurrentTx() tx: Tx): Promise<Client> {
    return this.clientsService.create(tx, actor, input);
  }

  @Mutation(() => Client, { description: 'Renames a client and/or replaces its confidential terms.' })
  @RequirePermission('client.manage')
  async updateClient(@CurrentMember() actor: TenantActor, @Args('input') input: UpdateClientInput, @CurrentTx() tx: Tx): Promise<Client> {
    return this.clientsService.update(tx, actor, input);
  }

  @Mutation(() => Client, { description: 'Archives a client: it keeps its history and accounts but takes no new ones.' })
  @RequirePermission('client.manage')
  async archiveClient(@CurrentMember() actor: TenantActor, @IdArg() id: string, @CurrentTx() tx: Tx): Promise<Client> {
    return this.clientsService.archive(tx, actor, id);
  }
}
