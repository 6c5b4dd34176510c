import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { LOCALES, type Locale, type Permission, type Role } from '@clearpost/authz';
import { LocaleEnum } from '../common/locale';
import { Membership, RoleEnum } from '../organizations/organization.models';
import { normalizeEmail, trim } from '../common/transforms';

export const MIN_PASSWORD_LENGTH = 10;

@ObjectType()
export class User {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  name: string;

  @Field(() => LocaleEnum, { nullable: true, description: 'The language this person chose; null until they choose (their browser’s is used).' })
  locale: Locale | null;

  @Field(() => [Membership])
  memberships: Membership[];

  @Field(() => RoleEnum, {
    nullable: true,
    description: 'Role in the organization named by the X-Organization-Id header; null when none is named or not a member.',
  })
  role?: Role | null;

  @Field(() => [String], { description: 'What the caller may do in the organization named by X-Organization-Id (empty otherwise).' })
  permissions?: Permission[];
}

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Short-lived; send as `Authorization: Bearer …`. Renew with refreshSession.' })
  accessToken: string;

  @Field(() => Int, { description: 'Seconds until the access token expires.' })
  expiresIn: number;

  @Field(() => User)
  user: User;
}

@InputType()
export class SignUpInput {
  @Field()
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'Enter a valid email address.' })
  @MaxLength(254, { message: 'Enter a valid email address.' })
  email: string;

  @Field()
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, 200, { message: `Password must be at least ${MIN_PASSWORD_LENGTH} characters.` })
  password: string;

  @Field()
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'Name must be 1 to 100 characters.' })
  name: string;

  @Field()
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'Organization name must be 1 to 100 characters.' })
  organizationName: string;

  @Field(() => LocaleEnum, { nullable: true, description: 'The language the person uses; by default the one their browser prefers.' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'Choose English or French.' })
  locale?: Locale;
}

@InputType()
export class LogInInput {
  @Field()
  @Transform(normalizeEmail)
  @IsString()
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @MaxLength(200)
  password: string;
}

@InputType()
export class UpdateMyPreferencesInput {
  @Field(() => LocaleEnum, { description: 'The language of the interface and of the mail this person receives.' })
  @IsIn(LOCALES, { message: 'Choose English or French.' })
  locale: Locale;
}
