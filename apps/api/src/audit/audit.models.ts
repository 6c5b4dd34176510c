import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { Connection } from '../common/pagination';

@ObjectType({ description: 'The person who caused an event.' })
export class AuditActor {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;
}

@ObjectType({ description: 'One link of the organization’s tamper-evident audit chain.' })
export class AuditEvent {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'Gap-free position in the organization’s chain, from 1.' })
  seq: number;

  @Field(() => GraphQLDateTime)
  occurredAt: Date;

  @Field({ description: 'Dot-separated noun.past_tense, e.g. organization.created.' })
  action: string;

  @Field(() => AuditActor, { nullable: true })
  actor: AuditActor | null;

  @Field(() => String, { nullable: true })
  targetType: string | null;

  @Field(() => String, { nullable: true })
  targetId: string | null;

  @Field(() => GraphQLJSONObject)
  data: Record<string, unknown>;

  @Field()
  prevHash: string;

  @Field()
  hash: string;
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEvent) {}

@InputType()
export class AuditEventFilter {
  @Field({ nullable: true, description: 'Exact action, or a prefix ending in ".*" such as "auth.*".' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/, { message: 'action must look like "member.added" or "auth.*"' })
  action?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'actorUserId must be a user id' })
  actorUserId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  targetType?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  targetId?: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Events at or after this instant.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Events before this instant.' })
  @IsOptional()
  @IsDate()
  to?: Date;
}

@ObjectType()
export class AuditChainVerification {
  @Field({ description: 'True when every event links to the one before and matches its hash.' })
  ok: boolean;

  @Field(() => Int)
  checkedCount: number;

  @Field(() => Int, { nullable: true, description: 'The first sequence number at which the chain does not hold.' })
  firstBrokenSeq: number | null;

  @Field(() => Int)
  headSeq: number;

  @Field()
  headHash: string;
}
