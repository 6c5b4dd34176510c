import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArg } from '../common/id-arg';
import { CurrentTx } from '../database/current-tx.decorator';
import type { Tx } from '../database/tx';
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
  constructor(private readonly documents: PolicyDocumentService) {}

  @Query(() => PolicyDocument, { description: 'The social media policy: the current version, the draft and the history.' })
  @RequirePermission('policy_document.read')
  async policyDocument(@CurrentOrganizationId() organizationId: string, @CurrentTx() tx: Tx): Promise<PolicyDocument> {
    return this.documents.document(tx, organizationId);
  }

  @Query(() => PolicyDocumentStatus, { description: 'Whether the caller has accepted the current version, and what they accepted last.' })
  @RequirePermission('organization.read')
  async policyDocumentStatus(@CurrentMember() actor: TenantActor, @CurrentTx() tx: Tx): Promise<PolicyDocumentStatus> {
    return this.documents.status(tx, actor);
  }

  @Query(() => PostingClearance, { description: 'Whether the caller may submit posts now (the posting workflow asks this first).' })
  @RequirePermission('organization.read')
  async postingClearance(@CurrentMember() actor: TenantActor, @CurrentTx() tx: Tx): Promise<PostingClearance> {
    return this.documents.clearance(tx, actor);
  }

  @Mutation(() => PolicyDocumentVersion, { description: 'Saves the next version of the policy text as a draft.' })
  @RequirePermission('policy_document.manage')
  async updatePolicyDocumentDraft(
    @CurrentMember() actor: TenantActor,
    @Args('input') input: UpdatePolicyDocumentDraftInput,
    @CurrentTx() tx: Tx,
  ): Promise<PolicyDocumentVersion> {
    return this.documents.updateDraft(tx, actor, input);
  }

  @Mutation(() => PolicyDocumentVersion, { description: 'Publishes the draft: every member must accept it before submitting posts.' })
  @RequirePermission('policy_document.manage')
  async publishPolicyDocument(
    @CurrentMember() actor: TenantActor,
    @Args('input') input: PublishPolicyDocumentInput,
    @CurrentTx() tx: Tx,
  ): Promise<PolicyDocumentVersion> {
    return this.documents.publish(tx, actor, input);
  }

  @Mutation(() => PolicyAcknowledgement, { description: 'Accepts the current version of the social media policy.' })
  @RequirePermission('policy_document.read')
  async acknowledgePolicyDocument(
    @CurrentMember() actor: TenantActor,
    @IdArg('versionId') versionId: string,
    @CurrentTx() tx: Tx,
  ): Promise<PolicyAcknowledgement> {
    return this.documents.acknowledge(tx, actor, versionId);
  }

  @Query(() => [PolicyAcknowledgementEntry], { description: 'Every staff member and when they accepted this version (null: not yet).' })
  @RequirePermission('policy_document.acknowledgements')
  async policyAcknowledgements(
    @CurrentOrganizationId() organizationId: string,
    @IdArg('versionId') versionId: string,
    @CurrentTx() tx: Tx,
  ): Promise<PolicyAcknowledgementEntry[]> {
    return this.documents.acknowledgements(tx, organizationId, versionId);
  }
}
