import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentTx } from '../database/current-tx.decorator';
import type { Tx } from '../database/tx';
import type { Actor } from '../common/request';
import { Authenticated, RequirePermission } from '../tenancy/access.decorator';
import { CurrentActor, CurrentOrganizationId } from '../tenancy/current-actor.decorator';
import { CreateOrganizationInput, Organization, UpdateOrganizationInput } from './organization.models';
import { OrganizationsService } from './organizations.service';

@Resolver(() => Organization)
export class OrganizationsResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  @Mutation(() => Organization, { description: 'Creates an organization; the caller becomes its OWNER.' })
  @Authenticated()
  createOrganization(@CurrentActor() actor: Actor, @CurrentTx() tx: Tx, @Args('input') input: CreateOrganizationInput): Promise<Organization> {
    return this.organizations.create(tx, actor.userId, input.name);
  }

  @Mutation(() => Organization, { description: 'Renames the current organization.' })
  @RequirePermission('organization.update')
  updateOrganization(
    @CurrentActor() actor: Actor,
    @CurrentOrganizationId() organizationId: string,
    @CurrentTx() tx: Tx,
    @Args('input') input: UpdateOrganizationInput,
  ): Promise<Organization> {
    return this.organizations.rename(tx, organizationId, actor.userId, input.name);
  }
}
