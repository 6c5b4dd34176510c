import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { PUBLICATION_STATES, type PublicationState } from '@clearpost/post-workflow';
import { Connection } from '../common/pagination';
import { PostStateEnum } from '../posts/post.models';
import type { PostState } from '@clearpost/post-workflow';

export const PublicationStateEnum = Object.fromEntries(PUBLICATION_STATES.map((s) => [s, s])) as { [S in PublicationState]: S };
registerEnumType(PublicationStateEnum, {
  name: 'PublicationState',
  description: 'SCHEDULED (waiting for its time or its next attempt), PUBLISHING, PUBLISHED, FAILED (retry is possible) or CANCELLED.',
});

@ObjectType({ description: 'One post going out to one account, exactly once: the proof that it did, or why not.' })
export class Publication {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  postId: string;

  @Field(() => ID)
  accountId: string;

  @Field()
  handle: string;

  @Field()
  network: string;

  @Field()
  displayName: string;

  @Field(() => PublicationStateEnum)
  state: PublicationState;

  @Field(() => GraphQLDateTime, { description: 'When it is due (its next attempt may be later: nextAttemptAt).' })
  dueAt: Date;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true, description: 'SANDBOX, MASTODON or BLUESKY: what the last attempt published through.' })
  connector: string | null;

  @Field(() => String, { nullable: true, description: 'The post’s id on the network.' })
  remoteId: string | null;

  @Field(() => String, { nullable: true })
  remoteUrl: string | null;

  @Field(() => String, { nullable: true, description: 'The network’s message for the last failure.' })
  lastError: string | null;

  @Field({ description: 'The last failure will not go away by itself (a refusal, not an outage): fix and retry.' })
  errorPermanent: boolean;

  @Field(() => GraphQLDateTime, { nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  publishedAt: Date | null;
}

@ObjectType({ description: 'A post on the sandbox network (the default connector): what Clearpost published there.' })
export class SandboxPost {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  accountId: string;

  @Field()
  handle: string;

  @Field()
  network: string;

  @Field()
  displayName: string;

  @Field()
  text: string;

  @Field(() => [String])
  links: string[];

  @Field(() => GraphQLDateTime)
  createdAt: Date;
}

@ObjectType()
export class SandboxPostConnection extends Connection(SandboxPost) {}

@ObjectType()
export class CalendarAccount {
  @Field(() => ID)
  id: string;

  @Field()
  handle: string;

  @Field()
  network: string;

  @Field({ description: 'The account’s own time zone (IANA).' })
  timezone: string;

  @Field(() => PublicationStateEnum, { nullable: true })
  publicationState: PublicationState | null;

  @Field(() => String, { nullable: true })
  remoteUrl: string | null;
}

@ObjectType({ description: 'A post on the calendar: at its scheduled time (or when it was published now).' })
export class CalendarEntry {
  @Field(() => ID)
  postId: string;

  @Field(() => PostStateEnum)
  state: PostState;

  @Field(() => GraphQLDateTime)
  at: Date;

  @Field(() => ID, { nullable: true })
  clientId: string | null;

  @Field(() => String, { nullable: true })
  clientName: string | null;

  @Field({ description: 'The first 140 characters of the text.' })
  excerpt: string;

  @Field(() => [CalendarAccount])
  accounts: CalendarAccount[];
}

@InputType()
export class CalendarFilter {
  @Field(() => GraphQLDateTime)
  @IsDate({ message: 'Give a date and time.' })
  from: Date;

  @Field(() => GraphQLDateTime, { description: 'Exclusive; at most 42 days after `from`.' })
  @IsDate({ message: 'Give a date and time.' })
  to: Date;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Not a client id.' })
  clientId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Not an account id.' })
  accountId?: string;
}

@InputType()
export class PublicationActionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not a publication id.' })
  publicationId: string;
}

@InputType()
export class ConnectMastodonInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not an account id.' })
  accountId: string;

  @Field({ description: 'The Mastodon server, e.g. mastodon.social.' })
  @IsString()
  @Length(3, 200, { message: 'Write the server’s address, like mastodon.social.' })
  instanceUrl: string;
}

@InputType()
export class CompleteMastodonInput {
  @Field({ description: 'The `code` the server sent back.' })
  @IsString()
  @Length(1, 500, { message: 'Not an authorization code.' })
  code: string;

  @Field({ description: 'The `state` the server sent back, unchanged.' })
  @IsString()
  @Length(1, 4000, { message: 'Not an authorization state.' })
  state: string;
}

@InputType()
export class AccountActionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not an account id.' })
  accountId: string;
}

@ObjectType({ description: 'Where to send the person to say yes on their Mastodon server.' })
export class MastodonAuthorization {
  @Field()
  authorizeUrl: string;
}

@ObjectType({ description: 'An account connected to its network (its token stays in the API).' })
export class NetworkConnection {
  @Field(() => ID)
  accountId: string;

  @Field()
  connector: string;

  @Field(() => String, { nullable: true })
  remoteHandle: string | null;
}

@InputType()
export class ConnectBlueskyInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not an account id.' })
  accountId: string;

  @Field({ description: 'An app password (xxxx-xxxx-xxxx-xxxx), made in Bluesky’s settings — never the account’s own password.' })
  @IsString()
  @Length(19, 19, { message: 'An app password looks like xxxx-xxxx-xxxx-xxxx.' })
  appPassword: string;

  @Field({ nullable: true, description: 'The account’s server (PDS); default https://bsky.social.' })
  @IsOptional()
  @IsString()
  @Length(3, 200, { message: 'Write the server’s address, like bsky.social.' })
  service?: string;
}
