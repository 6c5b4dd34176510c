import { Inject } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { pageSize } from '../common/pagination';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { IdArg } from '../common/id-arg';
import { CurrentTx } from '../database/current-tx.decorator';
import type { Tx } from '../database/tx';
import { RateLimitService, type Limit } from '../rate-limit/rate-limit.service';
import { RequirePermission } from '../tenancy/access.decorator';
import { CurrentMember, CurrentOrganizationId, type TenantActor } from '../tenancy/current-actor.decorator';
import {
  AttachPolicyInput,
  CheckPostInput,
  CreatePolicyInput,
  EffectivePolicy,
  Policy,
  PolicyAttachment,
  PolicyConnection,
  PolicyCheckResult,
  PolicyTemplateModel,
  PolicyVersion,
  PublishPolicyVersionInput,
  SetCompetitorsInput,
  UpdatePolicyDraftInput,
} from './policy.models';
import { PoliciesService } from './policies.service';
import { PolicyAttachmentsService } from './policy-attachments.service';
import { PolicyChecksService } from './policy-checks.service';
import { BacktestPolicyInput, PolicyBacktest } from './policy-backtest.models';
import { PolicyBacktestService } from './policy-backtest.service';

/** A back-test scans up to thousands of posts: a few a minute per person is plenty. */
const BACKTESTS_PER_USER: Limit = { points: 10, durationSeconds: 60 };

@Resolver()
export class PoliciesResolver {
  /** checkPost runs on every pause in typing in the post editor: generous, but bounded. */
  private readonly checksPerUser: Limit;

  constructor(
    private readonly policiesService: PoliciesService,
    private readonly attachments: PolicyAttachmentsService,
    private readonly checks: PolicyChecksService,
    private readonly backtests: PolicyBacktestService,
    private readonly rateLimit: RateLimitService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.checksPerUser = { points: config.checkPostPerMinute, durationSeconds: 60 };
  }

  @Query(() => [Policy], { description: 'The organization’s policies, by name, with their versions and attachments — all of them.' })
  @RequirePermission('policy.read')
  async policies(@CurrentOrganizationId() organizationId: string, @CurrentTx() tx: Tx): Promise<Policy[]> {
    return this.policiesService.list(tx, organizationId);
  }

  @Query(() => PolicyConnection, { description: 'The organization’s policies by name, a page at a time.' })
  @RequirePermission('policy.read')
  async policiesConnection(
    @CurrentOrganizationId() organizationId: string,
    @CurrentTx() tx: Tx,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<PolicyConnection> {
    return this.policiesService.page(tx, organizationId, pageSize(first), after);
  }

  @Query(() => Policy)
  @RequirePermission('policy.read')
  async policy(@CurrentOrganizationId() organizationId: string, @IdArg() id: string, @CurrentTx() tx: Tx): Promise<Policy> {
    return this.policiesService.get(tx, organizationId, id);
  }

  @Query(() => [PolicyTemplateModel], { description: 'Built-in starting points, in English and French.' })
  @RequirePermission('policy.read')
  policyTemplates(): PolicyTemplateModel[] {
    return this.policiesService.templates();
  }

  @Mutation(() => Policy, { description: 'Creates a policy with a first draft: empty, from rules, or from a template.' })
  @RequirePermission('policy.manage')
  async createPolicy(@CurrentMember() actor: TenantActor, @Args('input') input: CreatePolicyInput, @CurrentTx() tx: Tx): Promise<Policy> {
    return this.policiesService.create(tx, actor, input);
  }

  @Mutation(() => Policy, { description: 'Saves the draft’s rules (validated; unsafe patterns refused). Published versions never change.' })
  @RequirePermission('policy.manage')
  async updatePolicyDraft(@CurrentMember() actor: TenantActor, @Args('input') input: UpdatePolicyDraftInput, @CurrentTx() tx: Tx): Promise<Policy> {
    return this.policiesService.updateDraft(tx, actor, input);
  }

  @Mutation(() => PolicyVersion, { description: 'Publishes the draft: it becomes the version that applies, and can no longer change.' })
  @RequirePermission('policy.manage')
  async publishPolicyVersion(
    @CurrentMember() actor: TenantActor,
    @Args('input') input: PublishPolicyVersionInput,
    @CurrentTx() tx: Tx,
  ): Promise<PolicyVersion> {
    return this.policiesService.publish(tx, actor, input.policyId);
  }

  @Mutation(() => PolicyAttachment, { description: 'Applies a policy to the whole organization, a client’s accounts, or one account.' })
  @RequirePermission('policy.manage')
  async attachPolicy(@CurrentMember() actor: TenantActor, @Args('input') input: AttachPolicyInput, @CurrentTx() tx: Tx): Promise<PolicyAttachment> {
    return this.attachments.attach(tx, actor, input);
  }

  @Mutation(() => PolicyAttachment)
  @RequirePermission('policy.manage')
  async detachPolicy(@CurrentMember() actor: TenantActor, @Args('input') input: AttachPolicyInput, @CurrentTx() tx: Tx): Promise<PolicyAttachment> {
    return this.attachments.detach(tx, actor, input);
  }

  @Query(() => EffectivePolicy, { description: 'The rules that apply to an account, and where each came from.' })
  @RequirePermission('policy.read')
  async effectivePolicy(@CurrentOrganizationId() organizationId: string, @IdArg('accountId') accountId: string, @CurrentTx() tx: Tx): Promise<EffectivePolicy> {
    return this.checks.effectivePolicy(tx, organizationId, accountId);
  }

  @Query(() => PolicyCheckResult, { description: 'Checks a post against its account’s effective policy. Changes nothing; rate-limited.' })
  @RequirePermission('post.check')
  async checkPost(@CurrentMember() actor: TenantActor, @Args('input') input: CheckPostInput, @CurrentTx() tx: Tx): Promise<PolicyCheckResult> {
    await this.rateLimit.consume('check-post', this.checksPerUser, actor.userId);
    return this.checks.check(tx, actor.organizationId, input);
  }

  @Query(() => PolicyBacktest, {
    description:
      'What a policy’s draft (or the rules given) would have flagged on the organization’s past posts, beside its published version. Changes nothing; rate-limited.',
  })
  @RequirePermission('policy.manage')
  async backtestPolicy(@CurrentMember() actor: TenantActor, @Args('input') input: BacktestPolicyInput, @CurrentTx() tx: Tx): Promise<PolicyBacktest> {
    await this.rateLimit.consume('backtest-policy', BACKTESTS_PER_USER, actor.userId);
    return this.backtests.backtest(tx, actor.organizationId, input);
  }

  @Query(() => [String], { description: 'The organization’s competitors: {competitor} in a policy’s words stands for each of them.' })
  @RequirePermission('policy.read')
  competitors(@CurrentOrganizationId() organizationId: string, @CurrentTx() tx: Tx): Promise<string[]> {
    return this.policiesService.competitors(tx, organizationId);
  }

  @Mutation(() => [String], { description: 'Replaces the organization’s list of competitors (each name once). Audited.' })
  @RequirePermission('policy.manage')
  setCompetitors(@CurrentMember() actor: TenantActor, @Args('input') input: SetCompetitorsInput, @CurrentTx() tx: Tx): Promise<string[]> {
    return this.policiesService.setCompetitors(tx, actor, input.names);
  }
}
