import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { isClientRole } from '@clearpost/authz';
import { alreadyCounted, refusal } from '@clearpost/post-workflow';
import { present } from '../common/errors';
import { IdArg } from '../common/id-arg';
import { pageSize } from '../common/pagination';
import type { GqlContext } from '../common/request';
import { CurrentTx } from '../database/current-tx.decorator';
import type { Tx } from '../database/tx';
import { MembersRepository } from '../members/members.repository';
import { RequirePermission } from '../tenancy/access.decorator';
import { CurrentMember, type TenantActor } from '../tenancy/current-actor.decorator';
import { ApprovalsRepository, type ApprovalRow, type LinkRow } from './approvals.repository';
import { PostCommentsService } from './post-comments.service';
import { PostReviewService } from './post-review.service';
import {
  AddPostCommentInput,
  ApprovalLinkInfo,
  CreatePostInput,
  Post,
  PostActionInput,
  PostApproval,
  PostComment,
  PostConnection,
  PostFilter,
  PostRevision,
  PostStep,
  PostTargetFindings,
  PostTimelineEntry,
  ReviewPostInput,
  SchedulePostInput,
  SubmitPostResult,
  UpdatePostInput,
} from './post.models';
import { toPost } from './post-content';
import { PostsService } from './posts.service';

export function toApproval(row: ApprovalRow): PostApproval {
  return {
    id: row.id,
    decision: row.decision,
    cycle: row.cycle,
    stepIndex: row.step_index,
    stepName: row.step_name,
    revision: row.revision,
    contentHash: row.content_hash,
    approverName: row.approver_name,
    approverId: row.approver_user_id,
    viaLink: !!row.link_id,
    comment: row.comment,
    createdAt: row.created_at,
    voidedAt: row.voided_at,
    voidedReason: row.voided_reason,
  };
}

export function toLinkInfo(row: LinkRow): ApprovalLinkInfo {
  const status = row.used_at ? 'USED' : row.revoked_at ? 'REVOKED' : row.expires_at.getTime() <= Date.now() ? 'EXPIRED' : 'ACTIVE';
  return {
    id: row.id,
    email: row.email,
    revision: row.revision,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    revokedAt: row.revoked_at,
    revokedReason: row.revoked_reason,
    status,
  };
}

/** The request's transaction and member, for field resolvers (their operation was authorized). */
export function tenant(ctx: GqlContext): { tx: Tx; actor: TenantActor } {
  const { tx, actor } = ctx.req;
  if (!tx || !actor?.organizationId || !actor.role) throw new Error('Post fields outside a tenant operation');
  return { tx, actor: actor as TenantActor };
}

@Resolver(() => Post)
export class PostsResolver {
  constructor(
    private readonly postsService: PostsService,
    private readonly review: PostReviewService,
    private readonly commentsService: PostCommentsService,
    private readonly approvalRows: ApprovalsRepository,
    private readonly members: MembersRepository,
  ) {}

  @Query(() => PostConnection, { description: 'Posts, newest first. Client users see their client’s posts once submitted.' })
  @RequirePermission('post.read')
  posts(
    @CurrentMember() actor: TenantActor,
    @CurrentTx() tx: Tx,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('filter', { type: () => PostFilter, nullable: true }) filter?: PostFilter,
  ): Promise<PostConnection> {
    return this.postsService.list(tx, actor, pageSize(first), after, filter ?? {});
  }

  @Query(() => Int, { description: 'How many posts wait for your decision (the count beside “Posts” in the navigation).' })
  @RequirePermission('post.read')
  myReviewCount(@CurrentMember() actor: TenantActor, @CurrentTx() tx: Tx): Promise<number> {
    return this.postsService.reviewCount(tx, actor);
  }

  @Query(() => Post)
  @RequirePermission('post.read')
  post(@CurrentMember() actor: TenantActor, @IdArg() id: string, @CurrentTx() tx: Tx): Promise<Post> {
    return this.postsService.get(tx, actor, id);
  }

  @Mutation(() => Post, { description: 'A new draft (revision 1).' })
  @RequirePermission('post.write')
  createPost(@CurrentMember() actor: TenantActor, @Args('input') input: CreatePostInput, @CurrentTx() tx: Tx): Promise<Post> {
    return this.postsService.create(tx, actor, input);
  }

  @Mutation(() => Post, {
    description:
      'Saves a new revision based on `basedOnRevision` (CONFLICT if someone saved since). An edit in review or after approval voids the approvals and returns the post to draft.',
  })
  @RequirePermission('post.write')
  updatePost(@CurrentMember() actor: TenantActor, @Args('input') input: UpdatePostInput, @CurrentTx() tx: Tx): Promise<Post> {
    return this.postsService.update(tx, actor, input);
  }

  @Mutation(() => SubmitPostResult, { description: 'Checks every target against its policy and, unless a BLOCK finding refuses it, starts the review.' })
  @RequirePermission('post.write')
  submitPost(@CurrentMember() actor: TenantActor, @Args('input') input: PostActionInput, @CurrentTx() tx: Tx): Promise<SubmitPostResult> {
    return this.review.submit(tx, actor, input.postId);
  }

  @Mutation(() => Post)
  @RequirePermission('post.write')
  cancelPost(@CurrentMember() actor: TenantActor, @Args('input') input: PostActionInput, @CurrentTx() tx: Tx): Promise<Post> {
    return this.postsService.cancel(tx, actor, input.postId);
  }

  @Mutation(() => Post, { description: 'Sets when an approved post goes out: in the future and inside each target’s posting windows.' })
  @RequirePermission('post.write')
  schedulePost(@CurrentMember() actor: TenantActor, @Args('input') input: SchedulePostInput, @CurrentTx() tx: Tx): Promise<Post> {
    return this.postsService.schedule(tx, actor, input);
  }

  @Mutation(() => Post, { description: 'Takes a scheduled post off the schedule (it stays approved).' })
  @RequirePermission('post.write')
  unschedulePost(@CurrentMember() actor: TenantActor, @Args('input') input: PostActionInput, @CurrentTx() tx: Tx): Promise<Post> {
    return this.postsService.unschedule(tx, actor, input.postId);
  }

  @Mutation(() => Post, { description: 'Approves the step under review, bound to `contentHash` (the revision you read).' })
  @RequirePermission('post.approve')
  async approvePost(@CurrentMember() actor: TenantActor, @Args('input') input: ReviewPostInput, @CurrentTx() tx: Tx): Promise<Post> {
    return toPost(await this.review.decide(tx, actor, input, 'APPROVED'));
  }

  @Mutation(() => Post)
  @RequirePermission('post.approve')
  async rejectPost(@CurrentMember() actor: TenantActor, @Args('input') input: ReviewPostInput, @CurrentTx() tx: Tx): Promise<Post> {
    return toPost(await this.review.decide(tx, actor, input, 'REJECTED'));
  }

  @Mutation(() => Post)
  @RequirePermission('post.approve')
  async requestChanges(@CurrentMember() actor: TenantActor, @Args('input') input: ReviewPostInput, @CurrentTx() tx: Tx): Promise<Post> {
    return toPost(await this.review.decide(tx, actor, input, 'CHANGES_REQUESTED'));
  }

  @Mutation(() => PostComment)
  @RequirePermission('post.comment')
  addPostComment(@CurrentMember() actor: TenantActor, @Args('input') input: AddPostCommentInput, @CurrentTx() tx: Tx): Promise<PostComment> {
    return this.commentsService.add(tx, actor, input);
  }

  @Mutation(() => ApprovalLinkInfo, { description: 'Withdraws a seatless approval link before it is used.' })
  @RequirePermission('approval_chain.manage')
  async revokeApprovalLink(@CurrentMember() actor: TenantActor, @IdArg() id: string, @CurrentTx() tx: Tx): Promise<ApprovalLinkInfo> {
    return toLinkInfo(await this.review.revokeLink(tx, actor, id));
  }

  // ---------------------------------------------------------------- fields

  @ResolveField(() => [PostRevision], { description: 'Every revision, newest first.' })
  revisions(@Parent() post: Post, @Context() ctx: GqlContext): Promise<PostRevision[]> {
    const { tx, actor } = tenant(ctx);
    return this.postsService.revisions(tx, actor.organizationId, post.id);
  }

  @ResolveField(() => [PostTargetFindings], { description: 'What the policy found on each target at the last submission.' })
  findings(@Parent() post: Post, @Context() ctx: GqlContext): Promise<PostTargetFindings[]> {
    const { tx, actor } = tenant(ctx);
    return this.postsService.findings(tx, actor, post.id);
  }

  @ResolveField(() => [PostStep], { description: 'The steps of the current (or last) review.' })
  steps(@Parent() post: Post, @Context() ctx: GqlContext): Promise<PostStep[]> {
    const { tx, actor } = tenant(ctx);
    return this.review.steps(tx, actor.organizationId, { id: post.id, ...present(post.review, 'The post’s review') });
  }

  @ResolveField(() => [PostApproval], { description: 'Every decision, oldest first, voided ones included (with why).' })
  async approvals(@Parent() post: Post, @Context() ctx: GqlContext): Promise<PostApproval[]> {
    const { tx, actor } = tenant(ctx);
    return (await this.approvalRows.approvals(tx, actor.organizationId, post.id)).map(toApproval);
  }

  @ResolveField(() => [PostComment], { description: 'Comments, oldest first (client users see the CLIENT ones).' })
  comments(@Parent() post: Post, @Context() ctx: GqlContext): Promise<PostComment[]> {
    const { tx, actor } = tenant(ctx);
    return this.commentsService.list(tx, actor.organizationId, post.id);
  }

  @ResolveField(() => [PostTimelineEntry], { description: 'What happened to the post, from the audit trail, oldest first.' })
  timeline(@Parent() post: Post, @Context() ctx: GqlContext): Promise<PostTimelineEntry[]> {
    const { tx, actor } = tenant(ctx);
    return this.postsService.timeline(tx, actor, post.id);
  }

  @ResolveField(() => [ApprovalLinkInfo], { nullable: true, description: 'Seatless approval links issued for this post (those who manage approval chains).' })
  async approvalLinks(@Parent() post: Post, @Context() ctx: GqlContext): Promise<ApprovalLinkInfo[]> {
    const { tx, actor } = tenant(ctx);
    return (await this.approvalRows.links(tx, actor.organizationId, post.id)).map(toLinkInfo);
  }

  @ResolveField(() => Boolean, { description: 'Whether you may decide on the step under review now.' })
  async canReview(@Parent() post: Post, @Context() ctx: GqlContext): Promise<boolean> {
    const { tx, actor } = tenant(ctx);
    const review = present(post.review, 'The post’s review');
    if (review.state !== 'IN_REVIEW' || review.current_step === null) return false;
    const clientIds = isClientRole(actor.role) ? await this.members.clientIdsOf(tx, actor.organizationId, actor.userId) : [];
    const who = { kind: 'member' as const, userId: actor.userId, role: actor.role, clientIds };
    const step = review.steps[review.current_step];
    if (refusal(step, who, { authorId: review.author_id, clientId: review.client_id })) return false;
    const required = review.required[review.current_step] ?? [];
    if (step.mode === 'ALL' && required.length && !required.includes(actor.userId)) return false;
    const counting = await this.approvalRows.counting(tx, actor.organizationId, post.id, review.cycle);
    return !alreadyCounted(
      who,
      counting.map((a) => ({ stepIndex: a.step_index, userId: a.approver_user_id, email: a.approver_email })),
    );
  }
}
