import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArg } from '../common/id-arg';
import { clientInfo, type GqlContext } from '../common/request';
import { CurrentTx } from '../database/current-tx.decorator';
import type { Tx } from '../database/tx';
import { Public, RequirePermission } from '../tenancy/access.decorator';
import { CurrentMember, CurrentOrganizationId, type TenantActor } from '../tenancy/current-actor.decorator';
import { ApprovalChainsService } from './approval-chains.service';
import { PostReviewService } from './post-review.service';
import { ApprovalChain, ApprovalLinkActionInput, ApprovalLinkResult, ApprovalLinkView, ClientApproverEmailsInput, SetApprovalChainInput } from './post.models';

/** Approval chains, a client's seatless approvers, and the seatless approval page's two operations. */
@Resolver()
export class ApprovalsResolver {
  constructor(
    private readonly chains: ApprovalChainsService,
    private readonly review: PostReviewService,
  ) {}

  @Query(() => ApprovalChain, { description: 'The approval chain that applies to an account, and where it comes from.' })
  @RequirePermission('approval_chain.read')
  approvalChain(@CurrentOrganizationId() organizationId: string, @IdArg('accountId') accountId: string, @CurrentTx() tx: Tx): Promise<ApprovalChain> {
    return this.chains.forExistingAccount(tx, organizationId, accountId);
  }

  @Query(() => [ApprovalChain], { description: 'Every chain set in the organization (the built-in default when none is set for it).' })
  @RequirePermission('approval_chain.read')
  approvalChains(@CurrentOrganizationId() organizationId: string, @CurrentTx() tx: Tx): Promise<ApprovalChain[]> {
    return this.chains.list(tx, organizationId);
  }

  @Mutation(() => ApprovalChain, { description: 'Sets the chain of the organization, a client or an account; without steps, removes it.' })
  @RequirePermission('approval_chain.manage')
  setApprovalChain(@CurrentMember() actor: TenantActor, @Args('input') input: SetApprovalChainInput, @CurrentTx() tx: Tx): Promise<ApprovalChain> {
    return this.chains.set(tx, actor, input);
  }

  @Query(() => [String], { description: 'The emails of a client’s approvers who have no account (each gets a seatless link).' })
  @RequirePermission('approval_chain.manage')
  clientApproverEmails(@CurrentOrganizationId() organizationId: string, @IdArg('clientId') clientId: string, @CurrentTx() tx: Tx): Promise<string[]> {
    return this.chains.clientApproverEmails(tx, organizationId, clientId);
  }

  @Mutation(() => [String])
  @RequirePermission('approval_chain.manage')
  setClientApproverEmails(@CurrentMember() actor: TenantActor, @Args('input') input: ClientApproverEmailsInput, @CurrentTx() tx: Tx): Promise<string[]> {
    return this.chains.setClientApproverEmails(tx, actor, input);
  }

  @Query(() => ApprovalLinkView, { description: 'What a seatless approval link shows (no account needed).' })
  @Public()
  approvalLink(@Args('token') token: string, @Context() ctx: GqlContext, @CurrentTx() tx: Tx): Promise<ApprovalLinkView> {
    return this.review.linkView(tx, token, clientInfo(ctx.req));
  }

  @Mutation(() => ApprovalLinkResult, { description: 'Approves, rejects or asks for changes through a seatless link: once, bound to the content shown.' })
  @Public()
  actOnApprovalLink(@Args('input') input: ApprovalLinkActionInput, @Context() ctx: GqlContext, @CurrentTx() tx: Tx): Promise<ApprovalLinkResult> {
    return this.review.actOnLink(tx, input, clientInfo(ctx.req));
  }
}
