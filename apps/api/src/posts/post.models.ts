import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { ROLES, type Role } from '@clearpost/authz';
import { APPROVAL_MODES, POST_STATES, type ApprovalMode, type ApprovalStep as ApprovalStepValue, type PostState } from '@clearpost/post-workflow';
import { Connection } from '../common/pagination';
import { trim } from '../common/transforms';
import { RoleEnum } from '../organizations/organization.models';
import { MediaInput, PolicyFinding } from '../policies/policy.models';

export const PostStateEnum = Object.fromEntries(POST_STATES.map((s) => [s, s])) as { [S in PostState]: S };
registerEnumType(PostStateEnum, {
  name: 'PostState',
  description: 'Where a post is: in review, approved, scheduled, going out, out (or failed to), or closed.',
});

export const ApprovalModeEnum = Object.fromEntries(APPROVAL_MODES.map((m) => [m, m])) as { [M in ApprovalMode]: M };
registerEnumType(ApprovalModeEnum, {
  name: 'ApprovalMode',
  description: 'ANY: the step needs `minApprovals` distinct approvers; ALL: everyone eligible at submission.',
});

export const COMMENT_VISIBILITIES = ['INTERNAL', 'CLIENT'] as const;
export type CommentVisibility = (typeof COMMENT_VISIBILITIES)[number];
export const CommentVisibilityEnum = { INTERNAL: 'INTERNAL', CLIENT: 'CLIENT' } as const;
registerEnumType(CommentVisibilityEnum, {
  name: 'CommentVisibility',
  valuesMap: { INTERNAL: { description: 'Staff only.' }, CLIENT: { description: 'Also the client’s users and the seatless approval page.' } },
});

export const DECISIONS = ['APPROVED', 'REJECTED', 'CHANGES_REQUESTED'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DecisionEnum = { APPROVED: 'APPROVED', REJECTED: 'REJECTED', CHANGES_REQUESTED: 'CHANGES_REQUESTED' } as const;
registerEnumType(DecisionEnum, { name: 'ApprovalDecision' });

export const CHAIN_SCOPES = ['ORGANIZATION', 'CLIENT', 'ACCOUNT'] as const;
export type ChainScope = (typeof CHAIN_SCOPES)[number];
export const ChainScopeEnum = { ORGANIZATION: 'ORGANIZATION', CLIENT: 'CLIENT', ACCOUNT: 'ACCOUNT' } as const;
registerEnumType(ChainScopeEnum, { name: 'ApprovalChainScope' });

const MAX_TEXT = 70_000;
const MAX_TARGETS = 20;

// ---------------------------------------------------------------- content

@InputType()
export class PostTargetInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not an account id.' })
  accountId: string;

  @Field(() => String, { nullable: true, description: 'This network’s own text; null: the post’s text.' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT, { message: 'A post can be at most 70,000 characters.' })
  text?: string | null;
}

@InputType()
export class PostMediaInput extends MediaInput {
  @Field({ description: 'Where the image or video is (a reference: Clearpost stores no files yet).' })
  @IsString()
  @Length(1, 2000)
  ref: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  alt?: string | null;
}

/** What a revision holds: the text, each target's own text, links, media references and the wished time. */
@InputType({ isAbstract: true })
export abstract class PostContentInput {
  @Field({ description: 'The post’s text (each target may override it).' })
  @IsString()
  @MaxLength(MAX_TEXT, { message: 'A post can be at most 70,000 characters.' })
  text: string;

  @Field(() => [PostTargetInput], { description: 'The accounts it goes out on: one or more, all of the same client (or all of the organization’s own).' })
  @IsArray()
  @ArrayMinSize(1, { message: 'Choose at least one account.' })
  @ArrayMaxSize(MAX_TARGETS, { message: `A post goes out on at most ${MAX_TARGETS} accounts.` })
  @ValidateNested({ each: true })
  @Type(() => PostTargetInput)
  targets: PostTargetInput[];

  @Field(() => [String], { nullable: true, defaultValue: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  links?: string[];

  @Field(() => [PostMediaInput], { nullable: true, defaultValue: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PostMediaInput)
  media?: PostMediaInput[];

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it should go out, if known.' })
  @IsOptional()
  @IsDate()
  scheduledAt?: Date | null;
}

@InputType()
export class CreatePostInput extends PostContentInput {}

@InputType()
export class UpdatePostInput extends PostContentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not a post id.' })
  postId: string;

  @Field(() => Int, { description: 'The revision this edit starts from; a newer one means someone else saved meanwhile (CONFLICT).' })
  @IsInt()
  @Min(1)
  basedOnRevision: number;
}

@InputType()
export class PostActionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not a post id.' })
  postId: string;
}

@InputType()
export class ReviewPostInput extends PostActionInput {
  @Field({ description: 'The content hash of the revision the reviewer saw; if the post changed since, the review is refused (CONFLICT).' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'Not a content hash.' })
  contentHash: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000, { message: 'A comment is at most 5,000 characters.' })
  comment?: string | null;
}

@InputType()
export class SchedulePostInput extends PostActionInput {
  @Field(() => GraphQLDateTime)
  @IsDate({ message: 'Give a date and time.' })
  scheduledAt: Date;
}

@InputType()
export class PostFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Not a client id.' })
  clientId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Not an account id.' })
  accountId?: string;

  @Field(() => PostStateEnum, { nullable: true })
  @IsOptional()
  @IsIn(POST_STATES)
  state?: PostState;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Not a member id.' })
  authorId?: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Created at or after.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Created before.' })
  @IsOptional()
  @IsDate()
  to?: Date;

  @Field({ nullable: true, description: 'Only posts whose current step is waiting for me.' })
  @IsOptional()
  @IsBoolean()
  awaitingMe?: boolean;

  @Field({ nullable: true, description: 'Part of the text.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  search?: string;
}

// ---------------------------------------------------------------- approval chains

@InputType()
export class ApproversInput {
  @Field(() => [RoleEnum], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(8)
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @Field(() => [ID], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'One of the members is not a valid id.' })
  memberIds: string[];

  @Field({ defaultValue: false, description: 'The post’s client’s approvers (CLIENT_APPROVER members and the client’s approver emails).' })
  @IsBoolean()
  clientApprovers: boolean;
}

@InputType()
export class ApprovalStepInput {
  @Field()
  @Transform(trim)
  @IsString()
  @Length(1, 80, { message: 'Name each step (1 to 80 characters).' })
  name: string;

  @Field(() => ApproversInput)
  @ValidateNested()
  @Type(() => ApproversInput)
  approvers: ApproversInput;

  @Field(() => ApprovalModeEnum, { defaultValue: 'ANY' })
  @IsIn(APPROVAL_MODES)
  mode: ApprovalMode;

  @Field(() => Int, { defaultValue: 1 })
  @IsInt()
  @Min(1)
  @Max(20)
  minApprovals: number;
}

@InputType()
export class SetApprovalChainInput {
  @Field(() => ChainScopeEnum)
  @IsIn(CHAIN_SCOPES)
  scope: ChainScope;

  @Field(() => ID, { nullable: true, description: 'The client or account; none for the organization.' })
  @IsOptional()
  @IsUUID('all', { message: 'Not a valid id.' })
  scopeId?: string | null;

  @Field(() => [ApprovalStepInput], { nullable: true, description: 'Null removes this scope’s chain (the broader one applies again).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ApprovalStepInput)
  steps?: ApprovalStepInput[] | null;

  @Field(() => Int, { defaultValue: 24, description: 'Remind a step’s approvers after this many hours.' })
  @IsInt()
  @Min(1)
  @Max(720)
  reminderHours: number;
}

@ObjectType()
export class Approvers {
  @Field(() => [RoleEnum])
  roles: Role[];

  @Field(() => [ID])
  memberIds: string[];

  @Field()
  clientApprovers: boolean;
}

@ObjectType()
export class ApprovalStep {
  @Field()
  name: string;

  @Field(() => Approvers)
  approvers: Approvers;

  @Field(() => ApprovalModeEnum)
  mode: ApprovalMode;

  @Field(() => Int)
  minApprovals: number;
}

@ObjectType({ description: 'The approval chain that applies, and where it comes from (the most specific scope wins).' })
export class ApprovalChain {
  @Field(() => ChainScopeEnum, { nullable: true, description: 'Null: no chain was set, the default applies.' })
  scope: ChainScope | null;

  @Field(() => ID, { nullable: true })
  scopeId: string | null;

  @Field(() => String, { nullable: true, description: 'The client’s or account’s name.' })
  scopeName: string | null;

  @Field(() => [ApprovalStep])
  steps: ApprovalStep[];

  @Field(() => Int)
  reminderHours: number;

  @Field(() => GraphQLDateTime, { nullable: true })
  updatedAt: Date | null;
}

// ---------------------------------------------------------------- posts

@ObjectType()
export class PostAccountRef {
  @Field(() => ID)
  id: string;

  @Field()
  displayName: string;

  @Field()
  displayHandle: string;

  @Field()
  network: string;

  @Field()
  kind: string;

  @Field()
  timezone: string;
}

@ObjectType({ description: 'One account a post goes out on, with the text it will carry there.' })
export class PostTarget {
  @Field(() => PostAccountRef)
  account: PostAccountRef;

  @Field(() => String, { nullable: true, description: 'This network’s own text; null: the post’s text.' })
  text: string | null;

  @Field({ description: 'What will be published on this account.' })
  effectiveText: string;
}

@ObjectType()
export class PostMedia {
  @Field()
  ref: string;

  @Field(() => String, { nullable: true })
  alt: string | null;

  @Field(() => Int)
  peopleTagged: number;

  @Field()
  consentRecorded: boolean;
}

@ObjectType({ description: 'An immutable version of a post’s content, identified by the SHA-256 of its canonical form.' })
export class PostRevision {
  @Field(() => Int)
  number: number;

  @Field(() => Int, { nullable: true })
  basedOn: number | null;

  @Field()
  text: string;

  @Field(() => [PostTarget])
  targets: PostTarget[];

  @Field(() => [String])
  links: string[];

  @Field(() => [PostMedia])
  media: PostMedia[];

  @Field(() => GraphQLDateTime, { nullable: true })
  scheduledAt: Date | null;

  @Field({ description: 'SHA-256 (hex) of the RFC 8785 canonical content: what an approval is bound to.' })
  contentHash: string;

  @Field()
  authorName: string;

  @Field(() => GraphQLDateTime)
  createdAt: Date;
}

@ObjectType({ description: 'What the policy found on one target when the post was submitted.' })
export class PostTargetFindings {
  @Field(() => ID)
  accountId: string;

  @Field(() => Int)
  revision: number;

  @Field()
  blocked: boolean;

  @Field(() => [PolicyFinding])
  findings: PolicyFinding[];
}

@ObjectType({ description: 'A step of the post’s current review.' })
export class PostStep {
  @Field(() => Int)
  index: number;

  @Field()
  name: string;

  @Field(() => Approvers, { nullable: true, description: 'Who approves it (staff only).' })
  approvers: Approvers | null;

  @Field(() => ApprovalModeEnum)
  mode: ApprovalMode;

  @Field(() => Int)
  minApprovals: number;

  @Field({ description: 'APPROVED (complete), WAITING (the step under review), PENDING (after it), STOPPED (the review ended before it).' })
  status: string;

  @Field(() => [String], { description: 'Who approved this step in the current cycle.' })
  approvedBy: string[];
}

@ObjectType({ description: 'An approval decision, bound to the hash of the revision approved.' })
export class PostApproval {
  @Field(() => ID)
  id: string;

  @Field(() => DecisionEnum)
  decision: Decision;

  @Field(() => Int)
  cycle: number;

  @Field(() => Int)
  stepIndex: number;

  @Field()
  stepName: string;

  @Field(() => Int)
  revision: number;

  @Field()
  contentHash: string;

  @Field()
  approverName: string;

  @Field(() => ID, { nullable: true })
  approverId: string | null;

  @Field({ description: 'Given through a seatless client approval link.' })
  viaLink: boolean;

  @Field(() => String, { nullable: true })
  comment: string | null;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  voidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it no longer counts (the post was edited after it).' })
  voidedReason: string | null;
}

@ObjectType()
export class PostComment {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true })
  parentId: string | null;

  @Field()
  authorName: string;

  @Field(() => ID, { nullable: true })
  authorId: string | null;

  @Field(() => CommentVisibilityEnum)
  visibility: CommentVisibility;

  @Field()
  body: string;

  @Field(() => [ID])
  mentions: string[];

  @Field(() => GraphQLDateTime)
  createdAt: Date;
}

@ObjectType({ description: 'Something that happened to a post, from its audit events.' })
export class PostTimelineEntry {
  @Field()
  action: string;

  @Field(() => GraphQLDateTime)
  at: Date;

  @Field(() => String, { nullable: true })
  actorName: string | null;

  @Field(() => GraphQLJSONObject)
  data: Record<string, unknown>;
}

@ObjectType()
export class PostAuthor {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;
}

@ObjectType()
export class Post {
  @Field(() => ID)
  id: string;

  @Field(() => PostStateEnum)
  state: PostState;

  @Field(() => ID, { nullable: true })
  clientId: string | null;

  @Field(() => String, { nullable: true })
  clientName: string | null;

  @Field(() => PostAuthor)
  author: PostAuthor;

  @Field({ description: 'The current revision’s text (a preview in lists).' })
  text: string;

  @Field(() => Int, { description: 'The current revision’s number.' })
  revision: number;

  @Field({ description: 'The current revision’s content hash: send it back to approve what you saw.' })
  contentHash: string;

  @Field(() => [PostTarget])
  targets: PostTarget[];

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it goes out (SCHEDULED), or the time wished for.' })
  scheduledAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'The step being reviewed (IN_REVIEW).' })
  currentStep: number | null;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => GraphQLDateTime)
  updatedAt: Date;

  /** Where the review stands, for field resolvers (not in the schema). */
  review?: {
    cycle: number;
    steps: ApprovalStepValue[];
    required: string[][];
    current_step: number | null;
    state: PostState;
    client_id: string | null;
    author_id: string;
  };
  authorId?: string;
}

@ObjectType()
export class PostConnection extends Connection(Post) {}

@ObjectType({ description: 'Why a post could not be submitted: the policy blocks it on some target.' })
export class SubmitPostResult {
  @Field(() => Post)
  post: Post;

  @Field({ description: 'True when submitted; false when the policy blocked it (the post stays as it was).' })
  submitted: boolean;

  @Field(() => [PostTargetFindings])
  findings: PostTargetFindings[];
}

// ---------------------------------------------------------------- comments

@InputType()
export class AddPostCommentInput extends PostActionInput {
  @Field()
  @Transform(trim)
  @IsString()
  @Length(1, 5000, { message: 'Write a comment of 1 to 5,000 characters.' })
  body: string;

  @Field(() => CommentVisibilityEnum, { defaultValue: 'INTERNAL' })
  @IsIn(COMMENT_VISIBILITIES)
  visibility: CommentVisibility;

  @Field(() => ID, { nullable: true, description: 'The comment this one answers.' })
  @IsOptional()
  @IsUUID('all', { message: 'Not a comment id.' })
  parentId?: string | null;

  @Field(() => [ID], { defaultValue: [], description: 'Members to notify.' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'One of the mentions is not a member id.' })
  mentions: string[];
}

// ---------------------------------------------------------------- seatless approval links

@ObjectType({ description: 'What a seatless client approval link shows: one post, as it will appear on each network.' })
export class ApprovalLinkView {
  @Field()
  organizationName: string;

  @Field()
  clientName: string;

  @Field()
  email: string;

  @Field()
  stepName: string;

  @Field(() => GraphQLDateTime)
  expiresAt: Date;

  @Field()
  contentHash: string;

  @Field(() => [PostTarget])
  targets: PostTarget[];

  @Field(() => [PostMedia])
  media: PostMedia[];

  @Field(() => [PolicyFinding], { description: 'The findings a client may see (never another client’s terms).' })
  findings: PolicyFinding[];

  @Field(() => [PostComment], { description: 'The comments meant for the client.' })
  comments: PostComment[];
}

@InputType()
export class ApprovalLinkActionInput {
  @Field()
  @IsString()
  @MaxLength(300)
  token: string;

  @Field({ description: 'The content hash shown with the post.' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'Not a content hash.' })
  contentHash: string;

  @Field(() => DecisionEnum)
  @IsIn(DECISIONS)
  decision: Decision;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000, { message: 'A comment is at most 5,000 characters.' })
  comment?: string | null;
}

@ObjectType()
export class ApprovalLinkResult {
  @Field(() => DecisionEnum)
  decision: Decision;

  @Field(() => PostStateEnum, { description: 'The post’s state after the decision.' })
  state: PostState;
}

@ObjectType({ description: 'A seatless approval link issued for a post (staff view; the token itself is only in the mail).' })
export class ApprovalLinkInfo {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field(() => Int)
  revision: number;

  @Field(() => GraphQLDateTime)
  expiresAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  usedAt: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  revokedAt: Date | null;

  @Field(() => String, { nullable: true })
  revokedReason: string | null;

  @Field({ description: 'ACTIVE, USED, EXPIRED or REVOKED.' })
  status: string;
}

@InputType()
export class ClientApproverEmailsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not a client id.' })
  clientId: string;

  @Field(() => [String])
  @IsArray()
  @ArrayMaxSize(20, { message: 'At most 20 approver emails per client.' })
  @IsEmail({}, { each: true, message: 'One of the addresses is not a valid email.' })
  emails: string[];
}
