import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PartialUpdate } from '../graphql/input-guard';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { LOCALES, ROLES, type Locale, type Role } from '@clearpost/authz';
import { LocaleEnum } from '../common/locale';
import { AuthPayload, MIN_PASSWORD_LENGTH } from '../auth/auth.models';
import { Organization, RoleEnum } from '../organizations/organization.models';
import { Connection } from '../common/pagination';
import { normalizeEmail, trim } from '../common/transforms';

const MAX_CLIENTS = 200;

@ObjectType({ description: 'A client a member works on.' })
export class ClientRef {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;
}

@ObjectType({ description: 'A person in the organization.' })
export class Member {
  @Field(() => ID, { description: 'The person’s user id; what assignAccountOwner and the member mutations take.' })
  id: string;

  @Field()
  name: string;

  @Field()
  email: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field(() => [ClientRef], { description: 'For client roles, the only clients they see; for staff, the clients whose team they are on.' })
  clients: ClientRef[];

  @Field(() => GraphQLDateTime)
  joinedAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Set once the member was removed.' })
  removedAt: Date | null;

  @Field(() => Int, { description: 'Active social accounts this person owns.' })
  ownedAccountCount: number;
}

@ObjectType()
export class RemoveMemberPayload {
  @Field(() => Member)
  member: Member;

  @Field(() => Int, { description: 'Accounts they owned, now flagged as needing an owner.' })
  accountsNeedingOwner: number;
}

export enum InvitationStatus {
  PENDING = 'PENDING',
  EXPIRED = 'EXPIRED',
  ACCEPTED = 'ACCEPTED',
  REVOKED = 'REVOKED',
}
registerEnumType(InvitationStatus, { name: 'InvitationStatus' });

@ObjectType()
export class Invitation {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field(() => [ClientRef])
  clients: ClientRef[];

  @Field(() => InvitationStatus)
  status: InvitationStatus;

  @Field()
  invitedByName: string;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => GraphQLDateTime)
  expiresAt: Date;

  @Field(() => GraphQLDateTime)
  lastSentAt: Date;

  @Field(() => Int)
  sentCount: number;

  @Field(() => LocaleEnum, { description: 'The language the invitation mail is written in.' })
  locale: Locale;
}

@ObjectType({ description: 'What an invitation link shows before it is accepted.' })
export class InvitationPreview {
  @Field()
  organizationName: string;

  @Field()
  email: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field()
  invitedByName: string;

  @Field(() => GraphQLDateTime)
  expiresAt: Date;

  @Field({ description: 'An account with this email exists: sign in as it to accept, instead of choosing a password.' })
  accountExists: boolean;
}

@ObjectType()
export class AcceptInvitationPayload {
  @Field(() => Organization)
  organization: Organization;

  @Field(() => RoleEnum)
  role: Role;

  @Field(() => AuthPayload, { nullable: true, description: 'A new session, when the invitation created the account; null when accepted while signed in.' })
  auth: AuthPayload | null;
}

@InputType()
export class InviteMemberInput {
  @Field()
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'Enter a valid email address.' })
  @MaxLength(254, { message: 'Enter a valid email address.' })
  email: string;

  @Field(() => RoleEnum)
  @IsIn(ROLES, { message: 'Choose a role.' })
  role: Role;

  @Field(() => [ID], { nullable: true, defaultValue: [], description: 'Required for client roles; for staff, the clients whose team they join.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CLIENTS)
  @IsUUID('all', { each: true, message: 'One of the clients is not a valid id.' })
  clientIds?: string[];

  @Field(() => LocaleEnum, { nullable: true, description: 'The language of the invitation mail; by default the inviter’s.' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'Choose English or French.' })
  locale?: Locale;
}

@InputType()
export class AcceptInvitationInput {
  @Field()
  @IsString()
  @MaxLength(200)
  token: string;

  @Field({ nullable: true, description: 'Required when the invitation creates a new account.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'Name must be 1 to 100 characters.' })
  name?: string;

  @Field({ nullable: true, description: 'Required when the invitation creates a new account.' })
  @IsOptional()
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, 200, { message: `Password must be at least ${MIN_PASSWORD_LENGTH} characters.` })
  password?: string;

  @Field(() => LocaleEnum, { nullable: true, description: 'For a new account: the language the person uses; by default the invitation’s.' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'Choose English or French.' })
  locale?: Locale;
}

@InputType()
@PartialUpdate()
export class UpdateMemberRoleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not a member id.' })
  memberId: string;

  @Field(() => RoleEnum)
  @IsIn(ROLES, { message: 'Choose a role.' })
  role: Role;

  @Field(() => [ID], { nullable: true, description: 'Replaces the member’s clients when given.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CLIENTS)
  @IsUUID('all', { each: true, message: 'One of the clients is not a valid id.' })
  clientIds?: string[];
}

@ObjectType({ description: 'Current members by name, a page at a time.' })
export class MemberConnection extends Connection(Member) {}

@ObjectType({ description: 'Open invitations, newest first, a page at a time.' })
export class InvitationConnection extends Connection(Invitation) {}

@InputType()
export class MemberFilter {
  @Field({ nullable: true, description: 'Part of the name or the email.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 100)
  search?: string;
}
