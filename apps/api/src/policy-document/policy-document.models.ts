import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { trim } from '../common/transforms';
import { RoleEnum } from '../organizations/organization.models';
import type { Role } from '@clearpost/authz';
import { VersionStatus } from '../policies/policy.models';

@ObjectType({ description: 'One version of the social media policy, the text every member must accept.' })
export class PolicyDocumentVersion {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field()
  title: string;

  @Field({ description: 'Markdown.' })
  body: string;

  @Field()
  changeSummary: string;

  @Field(() => VersionStatus)
  status: VersionStatus;

  @Field(() => Int, { nullable: true })
  reminderAfterHours: number | null;

  @Field(() => GraphQLDateTime)
  updatedAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  publishedAt: Date | null;

  @Field(() => String, { nullable: true })
  publishedByName: string | null;
}

@ObjectType()
export class PolicyDocument {
  @Field(() => PolicyDocumentVersion, { nullable: true, description: 'The published version everyone must accept.' })
  current: PolicyDocumentVersion | null;

  @Field(() => PolicyDocumentVersion, { nullable: true })
  draft: PolicyDocumentVersion | null;

  @Field(() => [PolicyDocumentVersion], { description: 'Published versions, newest first.' })
  versions: PolicyDocumentVersion[];
}

@ObjectType({ description: 'Where the caller stands with the social media policy.' })
export class PolicyDocumentStatus {
  @Field(() => PolicyDocumentVersion, { nullable: true })
  current: PolicyDocumentVersion | null;

  @Field({ description: 'The current version is not accepted yet: show it before anything else.' })
  mustAcknowledge: boolean;

  @Field(() => GraphQLDateTime, { nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => PolicyDocumentVersion, { nullable: true, description: 'The last version the caller accepted, to show what changed since.' })
  lastAcknowledged: PolicyDocumentVersion | null;
}

@ObjectType()
export class PostingClearance {
  @Field()
  allowed: boolean;

  @Field(() => String, { nullable: true, description: 'Why not, in words; null when allowed.' })
  reason: string | null;

  @Field(() => ID, { nullable: true, description: 'The version to accept first.' })
  requiredVersionId: string | null;
}

@ObjectType()
export class PolicyAcknowledgementEntry {
  @Field(() => ID)
  memberId: string;

  @Field()
  name: string;

  @Field()
  email: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field(() => GraphQLDateTime, { nullable: true })
  acknowledgedAt: Date | null;
}

@ObjectType()
export class PolicyAcknowledgement {
  @Field(() => ID)
  versionId: string;

  @Field(() => GraphQLDateTime)
  acknowledgedAt: Date;
}

@InputType()
export class UpdatePolicyDocumentDraftInput {
  @Field()
  @Transform(trim)
  @IsString()
  @Length(1, 200, { message: 'Give the policy a title (1 to 200 characters).' })
  title: string;

  @Field({ description: 'Markdown.' })
  @IsString()
  @Length(1, 200_000, { message: 'The policy text must be 1 to 200,000 characters.' })
  body: string;
}

@InputType()
export class PublishPolicyDocumentInput {
  @Field({ nullable: true, description: 'What changed, shown to members with the new version.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  changeSummary?: string;

  @Field(() => Int, { nullable: true, description: 'Remind members who have not accepted after this many hours (none when omitted).' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'Remind after at least 1 hour.' })
  @Max(24 * 90, { message: 'Remind within 90 days.' })
  reminderAfterHours?: number;
}
