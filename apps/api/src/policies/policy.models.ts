import { Connection } from '../common/pagination';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PartialUpdate } from '../graphql/input-guard';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import { trim } from '../common/transforms';

export const POLICY_SCOPES = ['ORGANIZATION', 'CLIENT', 'ACCOUNT'] as const;
export type PolicyScope = (typeof POLICY_SCOPES)[number];
export const PolicyScopeEnum = { ORGANIZATION: 'ORGANIZATION', CLIENT: 'CLIENT', ACCOUNT: 'ACCOUNT' } as const;
registerEnumType(PolicyScopeEnum, { name: 'PolicyScope' });

export enum VersionStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(VersionStatus, { name: 'VersionStatus' });

@ObjectType()
export class PolicyVersion {
  @Field(() => Int)
  version: number;

  @Field(() => VersionStatus)
  status: VersionStatus;

  @Field(() => GraphQLJSON, { description: 'The rules, as libs/policy-engine validates them.' })
  rules: unknown[];

  @Field(() => Int)
  ruleCount: number;

  @Field(() => GraphQLDateTime)
  updatedAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  publishedAt: Date | null;

  @Field(() => String, { nullable: true })
  publishedByName: string | null;
}

@ObjectType()
export class PolicyAttachment {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  policyId: string;

  @Field(() => PolicyScopeEnum)
  scope: PolicyScope;

  @Field(() => ID)
  targetId: string;

  @Field({ description: 'The organization, client or account, by name.' })
  targetName: string;

  @Field(() => GraphQLDateTime)
  createdAt: Date;
}

@ObjectType()
export class Policy {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => String, { nullable: true })
  templateId: string | null;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => PolicyVersion, { nullable: true, description: 'The version being edited, if any.' })
  draft: PolicyVersion | null;

  @Field(() => PolicyVersion, { nullable: true, description: 'The latest published version: the one that applies.' })
  published: PolicyVersion | null;

  @Field(() => [PolicyVersion], { description: 'Every version, newest first.' })
  versions: PolicyVersion[];

  @Field(() => [PolicyAttachment])
  attachments: PolicyAttachment[];
}

@ObjectType()
export class PolicyTemplateModel {
  @Field()
  id: string;

  @Field()
  locale: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => GraphQLJSON)
  rules: unknown[];
}

@ObjectType()
export class PolicySourceInfo {
  @Field(() => ID)
  policyId: string;

  @Field()
  policyName: string;

  @Field(() => Int)
  version: number;

  @Field(() => PolicyScopeEnum)
  scope: PolicyScope;
}

@ObjectType({ description: 'A rule of the same id that the effective one overrides: what it did, and why it lost.' })
export class OverriddenRule {
  @Field(() => PolicySourceInfo)
  source: PolicySourceInfo;

  @Field()
  action: string;

  @Field()
  mode: string;

  @Field({
    description:
      'STRICTER (a stricter action, or enforced over monitored), MORE_SPECIFIC (same action, a more specific scope) or FIRST_BY_NAME (all else equal).',
  })
  because: string;
}

@ObjectType()
export class EffectiveRule {
  @Field()
  ruleId: string;

  @Field()
  kind: string;

  @Field()
  action: string;

  @Field()
  mode: string;

  @Field(() => GraphQLJSON)
  rule: unknown;

  @Field(() => PolicySourceInfo)
  source: PolicySourceInfo;

  @Field(() => [PolicySourceInfo], { description: 'Attached policies with a rule of the same id that this stricter one overrides.' })
  overrides: PolicySourceInfo[];

  @Field(() => [OverriddenRule], { description: 'What each overridden rule did and why this one won over it.' })
  overriddenRules: OverriddenRule[];

  @Field(() => [PolicySourceInfo], {
    description: 'Of those, the policies whose words were added to this rule’s (e.g. the English and French packs of one template: both languages apply).',
  })
  combinedWith: PolicySourceInfo[];
}

@ObjectType()
export class EffectivePolicy {
  @Field(() => ID)
  accountId: string;

  @Field(() => [EffectiveRule])
  rules: EffectiveRule[];
}

@ObjectType()
export class TextSpan {
  @Field(() => Int)
  start: number;

  @Field(() => Int)
  end: number;
}

@ObjectType()
export class PolicyFinding {
  @Field()
  ruleId: string;

  @Field()
  kind: string;

  @Field({ description: 'BLOCK, REQUIRE_APPROVAL, WARN, or MONITOR (recorded, not enforced).' })
  action: string;

  @Field()
  intendedAction: string;

  @Field(() => String, { nullable: true })
  approverRole: string | null;

  @Field()
  message: string;

  @Field(() => [TextSpan], { description: 'UTF-16 offsets in the text; empty when nothing in the text is at fault.' })
  spans: TextSpan[];

  @Field(() => String, { nullable: true, description: 'The policy the rule came from.' })
  policyName: string | null;

  @Field(() => String, { nullable: true, description: 'The rule’s label, when it has one.' })
  ruleLabel?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the rule fired — its term, the words found and the context that made them count — in the requested language.',
  })
  reason?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'The words at fault, as written (the text at each span); null on findings recorded before it existed.',
  })
  matched?: string[];
}

@ObjectType()
export class PolicyCheckResult {
  @Field(() => [PolicyFinding])
  findings: PolicyFinding[];

  @Field()
  blocked: boolean;

  @Field(() => [String])
  requiredApprovals: string[];
}

@InputType()
export class CreatePolicyInput {
  @Field()
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'Name the policy (1 to 100 characters).' })
  name: string;

  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  description?: string;

  @Field({ nullable: true, description: 'Start from a built-in template (see policyTemplates).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  templateId?: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Start from these rules instead.' })
  @IsOptional()
  @IsArray()
  rules?: unknown[];
}

@InputType()
@PartialUpdate()
export class UpdatePolicyDraftInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not a policy id.' })
  policyId: string;

  @Field(() => GraphQLJSON)
  @IsArray({ message: 'Rules must be a list.' })
  rules: unknown[];

  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'Name the policy (1 to 100 characters).' })
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  description?: string;
}

@InputType()
export class PublishPolicyVersionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not a policy id.' })
  policyId: string;
}

@InputType()
export class AttachPolicyInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not a policy id.' })
  policyId: string;

  @Field(() => PolicyScopeEnum)
  @IsIn(POLICY_SCOPES)
  scope: PolicyScope;

  @Field(() => ID, { nullable: true, description: 'The client or account; omitted for ORGANIZATION.' })
  @IsOptional()
  @IsUUID('all', { message: 'Not a valid id.' })
  targetId?: string;
}

@InputType()
export class MediaInput {
  @Field(() => Int, { description: 'How many people the image or video shows.' })
  @IsInt()
  @Min(0)
  @Max(1000)
  peopleTagged: number;

  @Field()
  @IsBoolean()
  consentRecorded: boolean;
}

@InputType()
export class CheckPostInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not an account id.' })
  accountId: string;

  @Field()
  @IsString()
  @MaxLength(70_000, { message: 'A post can be at most 70,000 characters.' })
  text: string;

  @Field(() => [MediaInput], { nullable: true, defaultValue: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MediaInput)
  media?: MediaInput[];

  @Field(() => [String], { nullable: true, defaultValue: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  links?: string[];

  @Field(() => GraphQLDateTime, { nullable: true })
  @IsOptional()
  @IsDate()
  scheduledAt?: Date;

  @Field({ nullable: true, description: 'en (default) or fr, for the messages.' })
  @IsOptional()
  @IsIn(['en', 'fr'])
  locale?: 'en' | 'fr';
}

@ObjectType({ description: 'Policies by name, a page at a time.' })
export class PolicyConnection extends Connection(Policy) {}

@InputType()
export class SetCompetitorsInput {
  @Field(() => [String], { description: 'Every competitor’s name (replaces the list); {competitor} in a policy’s words stands for each.' })
  @IsArray()
  @ArrayMaxSize(200, { message: 'At most 200 competitors.' })
  @IsString({ each: true })
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value))
  @Length(2, 100, { each: true, message: 'Each competitor’s name is 2 to 100 characters.' })
  names: string[];
}
