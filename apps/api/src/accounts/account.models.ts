import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsTimeZone, IsUUID, Length, MaxLength } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { NETWORKS, type Network } from '@clearpost/networks';
import { Connection } from '../common/pagination';
import { ClientRef } from '../members/member.models';
import { trim } from '../common/transforms';

export const NetworkEnum = Object.fromEntries(NETWORKS.map((n) => [n, n])) as { [N in Network]: N };
registerEnumType(NetworkEnum, { name: 'Network' });

export const ACCOUNT_KINDS = ['BRAND', 'STAFF'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];
export const AccountKindEnum = { BRAND: 'BRAND', STAFF: 'STAFF' } as const;
registerEnumType(AccountKindEnum, {
  name: 'AccountKind',
  valuesMap: {
    BRAND: { description: 'The organization’s or a client’s own account.' },
    STAFF: { description: 'An employee’s personal handle, registered for monitoring and disclosure.' },
  },
});

export enum NeedsOwnerReason {
  NO_OWNER = 'NO_OWNER',
  OWNER_REMOVED = 'OWNER_REMOVED',
}
registerEnumType(NeedsOwnerReason, { name: 'NeedsOwnerReason' });

@ObjectType({ description: 'A person as an account owner; `active` is false once they left the organization.' })
export class OwnerRef {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'Null for readers who may not see the organization’s people (client users).' })
  email: string | null;

  @Field()
  active: boolean;
}

@ObjectType({ description: 'One period during which someone owned an account.' })
export class AccountOwnership {
  @Field(() => OwnerRef)
  owner: OwnerRef;

  @Field(() => String, { nullable: true })
  assignedByName: string | null;

  @Field(() => GraphQLDateTime)
  assignedAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  endedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'reassigned, owner_removed or deactivated.' })
  endedReason: string | null;
}

@ObjectType()
export class SocialAccount {
  @Field(() => ID)
  id: string;

  @Field(() => NetworkEnum)
  network: Network;

  @Field({ description: 'Normalized: lower case, no @ or URL (e.g. `acme`, `company/acme`, `acme@mastodon.social`).' })
  handle: string;

  @Field({ description: 'The handle as the network shows it, e.g. `@acme`.' })
  displayHandle: string;

  @Field()
  profileUrl: string;

  @Field()
  displayName: string;

  @Field(() => AccountKindEnum)
  kind: AccountKind;

  @Field(() => ClientRef, { nullable: true })
  client: ClientRef | null;

  @Field(() => OwnerRef, { nullable: true, description: 'The current owner, who may have left (see needsOwner).' })
  owner: OwnerRef | null;

  @Field()
  needsOwner: boolean;

  @Field(() => NeedsOwnerReason, { nullable: true })
  needsOwnerReason: NeedsOwnerReason | null;

  @Field({ description: 'Whether an OAuth connection is stored (encrypted). Clearpost never stores passwords.' })
  connected: boolean;

  @Field()
  active: boolean;

  @Field({ description: 'IANA time zone; posting windows and blackouts are read in it.' })
  timezone: string;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  deactivatedAt: Date | null;

  /** A field of the GraphQL type, resolved on demand by AccountsResolver.ownershipHistory. */
  ownershipHistory?: AccountOwnership[] | null;
}

@ObjectType()
export class SocialAccountConnection extends Connection(SocialAccount) {}

@InputType()
export class SocialAccountFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Not a client id.' })
  clientId?: string;

  @Field({ nullable: true, description: 'Only accounts of no client (the organization’s own and staff handles).' })
  @IsOptional()
  @IsBoolean()
  withoutClient?: boolean;

  @Field(() => NetworkEnum, { nullable: true })
  @IsOptional()
  @IsIn(NETWORKS)
  network?: Network;

  @Field(() => AccountKindEnum, { nullable: true })
  @IsOptional()
  @IsIn(ACCOUNT_KINDS)
  kind?: AccountKind;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Not a member id.' })
  ownerId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  needsOwner?: boolean;

  @Field({ nullable: true, description: 'Include deactivated accounts (default: active only).' })
  @IsOptional()
  @IsBoolean()
  includeDeactivated?: boolean;

  @Field({ nullable: true, description: 'Part of the handle or the display name.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100, { message: 'Search for at most 100 characters.' })
  search?: string;
}

@InputType()
export class AddSocialAccountInput {
  @Field(() => NetworkEnum)
  @IsIn(NETWORKS, { message: 'Choose a network.' })
  network: Network;

  @Field({ description: 'As written anywhere: `@acme`, `acme`, or the profile URL. Stored normalized.' })
  @IsString()
  @MaxLength(300)
  handle: string;

  @Field()
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'Display name must be 1 to 100 characters.' })
  displayName: string;

  @Field(() => AccountKindEnum)
  @IsIn(ACCOUNT_KINDS, { message: 'Choose BRAND or STAFF.' })
  kind: AccountKind;

  @Field(() => ID, { nullable: true, description: 'The client a brand account belongs to; none for the organization’s own.' })
  @IsOptional()
  @IsUUID('all', { message: 'Not a client id.' })
  clientId?: string;

  @Field({ nullable: true, description: 'IANA time zone of the account, e.g. Europe/Paris (default UTC).' })
  @IsOptional()
  @IsTimeZone({ message: 'Not a time zone. Use a name like Europe/Paris.' })
  timezone?: string;

  @Field(() => ID, { nullable: true, description: 'Admins only: owner at creation. A staff handle defaults to the person registering it.' })
  @IsOptional()
  @IsUUID('all', { message: 'Not a member id.' })
  ownerId?: string;
}

@InputType()
export class AssignAccountOwnerInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not an account id.' })
  accountId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'Not a member id.' })
  memberId: string;
}
