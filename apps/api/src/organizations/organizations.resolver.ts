import { Args, Mutation, Resolver } from '@nestjs/graphql';
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
  createOrganization(@CurrentActor() actor: Actor, @Args('input') input: CreateOrganizationInput): Promise<Organization> {
    return this.organizations.create(actor.userId, input.name);
  }

  @Mutation(() => Organization, { description: 'Renames the current organization.' })
  @RequirePermission('organization.update')
  updateOrganization(
    @CurrentActor() actor: Actor,
    @CurrentOrganizationId() organizationId: string,
    @Args('input') input: UpdateOrganizationInput,
  ): Promise<Organization> {
    return this.organizations.rename(organizationId, actor.userId, input.name);
  }
}
