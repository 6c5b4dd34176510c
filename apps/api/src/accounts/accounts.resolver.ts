import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { requestLoader } from '../common/loaders';
import type { GqlContext } from '../common/request';
import { IdArg } from '../common/id-arg';
import { pageSize } from '../common/pagination';
import { CurrentTx } from '../database/current-tx.decorator';
import type { Tx } from '../database/tx';
import { RequirePermission } from '../tenancy/access.decorator';
import { CurrentMember, CurrentOrganizationId, type TenantActor } from '../tenancy/current-actor.decorator';
import {
  AccountOwnership,
  AddSocialAccountInput,
  AssignAccountOwnerInput,
  SocialAccount,
  SocialAccountConnection,
  SocialAccountFilter,
} from './account.models';
import { AccountsService } from './accounts.service';

@Resolver(() => SocialAccount)
export class AccountsResolver {
  constructor(private readonly accounts: AccountsService) {}

  @Query(() => SocialAccountConnection, { description: 'Social accounts grouped by client, then by name. Client users see only their clients’.' })
  @RequirePermission('account.read')
  async socialAccounts(
    @CurrentOrganizationId() organizationId: string,
    @CurrentTx() tx: Tx,
    @Args('filter', { type: () => SocialAccountFilter, nullable: true }) filter?: SocialAccountFilter,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<SocialAccountConnection> {
    return this.accounts.list(tx, organizationId, pageSize(first), after, filter ?? {});
  }

  @Query(() => SocialAccount)
  @RequirePermission('account.read')
  async socialAccount(@CurrentOrganizationId() organizationId: string, @IdArg() id: string, @CurrentTx() tx: Tx): Promise<SocialAccount> {
    return this.accounts.get(tx, organizationId, id);
  }

  @Query(() => [SocialAccount], { description: 'Active accounts with no owner, or whose owner left the organization.' })
  @RequirePermission('account.read')
  async accountsNeedingOwner(@CurrentOrganizationId() organizationId: string, @CurrentTx() tx: Tx): Promise<SocialAccount[]> {
    return this.accounts.needingOwner(tx, organizationId);
  }

  @Mutation(() => SocialAccount, {
    description: 'Registers an account: brand accounts by owners and admins, staff handles by anyone for themselves. No password is ever asked for.',
  })
  @RequirePermission('account.register')
  async addSocialAccount(@CurrentMember() actor: TenantActor, @Args('input') input: AddSocialAccountInput, @CurrentTx() tx: Tx): Promise<SocialAccount> {
    return this.accounts.add(tx, actor, input);
  }

  @Mutation(() => SocialAccount, { description: 'Makes a member the owner of an account; the previous ownership period ends.' })
  @RequirePermission('account.assign_owner')
  async assignAccountOwner(@CurrentMember() actor: TenantActor, @Args('input') input: AssignAccountOwnerInput, @CurrentTx() tx: Tx): Promise<SocialAccount> {
    return this.accounts.assignOwner(tx, actor, input.accountId, input.memberId);
  }

  @Mutation(() => SocialAccount, { description: 'Deactivates an account (owners and admins; anyone for their own staff handle).' })
  @RequirePermission('account.register')
  async deactivateSocialAccount(@CurrentMember() actor: TenantActor, @IdArg() id: string, @CurrentTx() tx: Tx): Promise<SocialAccount> {
    return this.accounts.deactivate(tx, actor, id);
  }

  /** Loaded only when asked for, for every account of the page in one statement. */
  @ResolveField(() => [AccountOwnership], { nullable: true, description: 'Every ownership period, newest first. Null for client users.' })
  ownershipHistory(@Parent() account: SocialAccount, @Context() ctx: GqlContext): Promise<AccountOwnership[]> {
    const tx = ctx.req.tx;
    const organizationId = ctx.req.actor?.organizationId;
    if (!tx || !organizationId) throw new Error('ownershipHistory outside a tenant operation');
    return requestLoader<string, AccountOwnership[]>(ctx.req, 'account.ownershipHistory', (ids) => this.accounts.histories(tx, organizationId, ids)).load(
      account.id,
    );
  }
}
