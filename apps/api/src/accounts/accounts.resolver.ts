import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArg } from '../common/id-arg';
import { pageSize } from '../common/pagination';
import { Db } from '../database/db.service';
import { RequirePermission } from '../tenancy/access.decorator';
import { CurrentMember, CurrentOrganizationId, type TenantActor } from '../tenancy/current-actor.decorator';
import { AddSocialAccountInput, AssignAccountOwnerInput, SocialAccount, SocialAccountConnection, SocialAccountFilter } from './account.models';
import { AccountsService } from './accounts.service';

@Resolver()
export class AccountsResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly db: Db,
  ) {}

  @Query(() => SocialAccountConnection, { description: 'Social accounts grouped by client, then by name. Client users see only their clients’.' })
  @RequirePermission('account.read')
  async socialAccounts(
    @CurrentOrganizationId() organizationId: string,
    @Args('filter', { type: () => SocialAccountFilter, nullable: true }) filter?: SocialAccountFilter,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<SocialAccountConnection> {
    return this.accounts.list(await this.db.manager(), organizationId, pageSize(first), after, filter ?? {});
  }

  @Query(() => SocialAccount)
  @RequirePermission('account.read')
  async socialAccount(@CurrentOrganizationId() organizationId: string, @IdArg() id: string): Promise<SocialAccount> {
    return this.accounts.get(await this.db.manager(), organizationId, id);
  }

  @Query(() => [SocialAccount], { description: 'Active accounts with no owner, or whose owner left the organization.' })
  @RequirePermission('account.read')
  async accountsNeedingOwner(@CurrentOrganizationId() organizationId: string): Promise<SocialAccount[]> {
    return this.accounts.needingOwner(await this.db.manager(), organizationId);
  }

  @Mutation(() => SocialAccount, {
    description: 'Registers an account: brand accounts by owners and admins, staff handles by anyone for themselves. No password is ever asked for.',
  })
  @RequirePermission('account.register')
  async addSocialAccount(@CurrentMember() actor: TenantActor, @Args('input') input: AddSocialAccountInput): Promise<SocialAccount> {
    return this.accounts.add(await this.db.manager(), actor, input);
  }

  @Mutation(() => SocialAccount, { description: 'Makes a member the owner of an account; the previous ownership period ends.' })
  @RequirePermission('account.assign_owner')
  async assignAccountOwner(@CurrentMember() actor: TenantActor, @Args('input') input: AssignAccountOwnerInput): Promise<SocialAccount> {
    return this.accounts.assignOwner(await this.db.manager(), actor, input.accountId, input.memberId);
  }

  @Mutation(() => SocialAccount, { description: 'Deactivates an account (owners and admins; anyone for their own staff handle).' })
  @RequirePermission('account.register')
  async deactivateSocialAccount(@CurrentMember() actor: TenantActor, @IdArg() id: string): Promise<SocialAccount> {
    return this.accounts.deactivate(await this.db.manager(), actor, id);
  }
}
