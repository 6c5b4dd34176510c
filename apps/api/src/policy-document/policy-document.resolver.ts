import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArg } from '../common/id-arg';
import { Db } from '../database/db.service';
import { RequirePermission } from '../tenancy/access.decorator';
import { CurrentMember, CurrentOrganizationId, type TenantActor } from '../tenancy/current-actor.decorator';
import {
  PolicyAcknowledgement,
  PolicyAcknowledgementEntry,
  PolicyDocument,
  PolicyDocumentStatus,
  PolicyDocumentVersion,
  PostingClearance,
  PublishPolicyDocumentInput,
  UpdatePolicyDocumentDraftInput,
} from './policy-document.models';
import { PolicyDocumentService } from './policy-document.service';

@Resolver()
export class PolicyDocumentResolver {
  constructor(
    private readonly documents: PolicyDocumentService,
    private readonly db: Db,
  ) {}

  @Query(() => PolicyDocument, { description: 'The social media policy: the current version, the draft and the history.' })
  @RequirePermission('policy_document.read')
  async policyDocument(@CurrentOrganizationId() organizationId: string): Promise<PolicyDocument> {
    return this.documents.document(await this.db.manager(), organizationId);
  }

  @Query(() => PolicyDocumentStatus, { description: 'Whether the caller has accepted the current version, and what they accepted last.' })
  @RequirePermission('organization.read')
  async policyDocumentStatus(@CurrentMember() actor: TenantActor): Promise<PolicyDocumentStatus> {
    return this.documents.status(await this.db.manager(), actor);
  }

  @Query(() => PostingClearance, { description: 'Whether the caller may submit posts now (the posting workflow asks this first).' })
  @RequirePermission('organization.read')
  async postingClearance(@CurrentMember() actor: TenantActor): Promise<PostingClearance> {
    return this.documents.clearance(await this.db.manager(), actor);
  }

  @Mutation(() => PolicyDocumentVersion, { description: 'Saves the next version of the policy text as a draft.' })
  @RequirePermission('policy_document.manage')
  async updatePolicyDocumentDraft(@CurrentMember() actor: TenantActor, @Args('input') input: UpdatePolicyDocumentDraftInput): Promise<PolicyDocumentVersion> {
    return this.documents.updateDraft(await this.db.manager(), actor, input);
  }

  @Mutation(() => PolicyDocumentVersion, { description: 'Publishes the draft: every member must accept it before submitting posts.' })
  @RequirePermission('policy_document.manage')
  async publishPolicyDocument(@CurrentMember() actor: TenantActor, @Args('input') input: PublishPolicyDocumentInput): Promise<PolicyDocumentVersion> {
    return this.documents.publish(await this.db.manager(), actor, input);
  }

  @Mutation(() => PolicyAcknowledgement, { description: 'Accepts the current version of the social media policy.' })
  @RequirePermission('policy_document.read')
  async acknowledgePolicyDocument(@CurrentMember() actor: TenantActor, @IdArg('versionId') versionId: string): Promise<PolicyAcknowledgement> {
    return this.documents.acknowledge(await this.db.manager(), actor, versionId);
  }

  @Query(() => [PolicyAcknowledgementEntry], { description: 'Every staff member and when they accepted this version (null: not yet).' })
  @RequirePermission('policy_document.acknowledgements')
  async policyAcknowledgements(@CurrentOrganizationId() organizationId: string, @IdArg('versionId') versionId: string): Promise<PolicyAcknowledgementEntry[]> {
    return this.documents.acknowledgements(await this.db.manager(), organizationId, versionId);
  }
}
