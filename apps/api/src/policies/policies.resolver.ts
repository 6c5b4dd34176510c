import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { IdArg } from '../common/id-arg';
import { Db } from '../database/db.service';
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
  PolicyCheckResult,
  PolicyTemplateModel,
  PolicyVersion,
  PublishPolicyVersionInput,
  UpdatePolicyDraftInput,
} from './policy.models';
import { PoliciesService } from './policies.service';

@Resolver()
export class PoliciesResolver {
  /** checkPost runs on every pause in typing in the post editor: generous, but bounded. */
  private readonly checksPerUser: Limit;

  constructor(
    private readonly policiesService: PoliciesService,
    private readonly db: Db,
    private readonly rateLimit: RateLimitService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.checksPerUser = { points: config.checkPostPerMinute, durationSeconds: 60 };
  }

  @Query(() => [Policy], { description: 'The organization’s policies, by name, with their versions and attachments.' })
  @RequirePermission('policy.read')
  async policies(@CurrentOrganizationId() organizationId: string): Promise<Policy[]> {
    return this.policiesService.list(await this.db.manager(), organizationId);
  }

  @Query(() => Policy)
  @RequirePermission('policy.read')
  async policy(@CurrentOrganizationId() organizationId: string, @IdArg() id: string): Promise<Policy> {
    return this.policiesService.get(await this.db.manager(), organizationId, id);
  }

  @Query(() => [PolicyTemplateModel], { description: 'Built-in starting points, in English and French.' })
  @RequirePermission('policy.read')
  async policyTemplates(@CurrentOrganizationId() organizationId: string): Promise<PolicyTemplateModel[]> {
    const manager = await this.db.manager();
    const [organization] = (await manager.query(`select name from organization where id = $1`, [organizationId])) as Array<{ name: string }>;
    return this.policiesService.templates(organization?.name ?? '');
  }

  @Mutation(() => Policy, { description: 'Creates a policy with a first draft: empty, from rules, or from a template.' })
  @RequirePermission('policy.manage')
  async createPolicy(@CurrentMember() actor: TenantActor, @Args('input') input: CreatePolicyInput): Promise<Policy> {
    return this.policiesService.create(await this.db.manager(), actor, input);
  }

  @Mutation(() => Policy, { description: 'Saves the draft’s rules (validated; unsafe patterns refused). Published versions never change.' })
  @RequirePermission('policy.manage')
  async updatePolicyDraft(@CurrentMember() actor: TenantActor, @Args('input') input: UpdatePolicyDraftInput): Promise<Policy> {
    return this.policiesService.updateDraft(await this.db.manager(), actor, input);
  }

  @Mutation(() => PolicyVersion, { description: 'Publishes the draft: it becomes the version that applies, and can no longer change.' })
  @RequirePermission('policy.manage')
  async publishPolicyVersion(@CurrentMember() actor: TenantActor, @Args('input') input: PublishPolicyVersionInput): Promise<PolicyVersion> {
    return this.policiesService.publish(await this.db.manager(), actor, input.policyId);
  }

  @Mutation(() => PolicyAttachment, { description: 'Applies a policy to the whole organization, a client’s accounts, or one account.' })
  @RequirePermission('policy.manage')
  async attachPolicy(@CurrentMember() actor: TenantActor, @Args('input') input: AttachPolicyInput): Promise<PolicyAttachment> {
    return this.policiesService.attach(await this.db.manager(), actor, input);
  }

  @Mutation(() => PolicyAttachment)
  @RequirePermission('policy.manage')
  async detachPolicy(@CurrentMember() actor: TenantActor, @Args('input') input: AttachPolicyInput): Promise<PolicyAttachment> {
    return this.policiesService.detach(await this.db.manager(), actor, input);
  }

  @Query(() => EffectivePolicy, { description: 'The rules that apply to an account, and where each came from.' })
  @RequirePermission('policy.read')
  async effectivePolicy(@CurrentOrganizationId() organizationId: string, @IdArg('accountId') accountId: string): Promise<EffectivePolicy> {
    return this.policiesService.effectivePolicy(await this.db.manager(), organizationId, accountId);
  }

  @Query(() => PolicyCheckResult, { description: 'Checks a post against its account’s effective policy. Changes nothing; rate-limited.' })
  @RequirePermission('post.check')
  async checkPost(@CurrentMember() actor: TenantActor, @Args('input') input: CheckPostInput): Promise<PolicyCheckResult> {
    await this.rateLimit.consume('check-post', this.checksPerUser, actor.userId);
    return this.policiesService.check(await this.db.manager(), actor, input);
  }
}
