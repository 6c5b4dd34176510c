import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { ROLES, type Permission, type Role } from '@clearpost/authz';
import { trim } from '../common/transforms';

export const RoleEnum = Object.fromEntries(ROLES.map((role) => [role, role])) as { [R in Role]: R };
registerEnumType(RoleEnum, { name: 'Role', description: 'What a member may do in an organization.' });

@ObjectType()
export class Organization {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => GraphQLDateTime)
  createdAt: Date;
}

@ObjectType({ description: 'The signed-in person’s place in one organization.' })
export class Membership {
  @Field(() => RoleEnum)
  role: Role;

  @Field(() => Organization)
  organization: Organization;

  @Field(() => [String], { description: 'What this role allows, from the shared permission matrix.' })
  permissions: Permission[];

  @Field(() => GraphQLDateTime)
  joinedAt: Date;

  @Field(() => [ID], { description: 'The clients this person works on; for client-scoped roles, the only clients they see.' })
  clientIds: string[];
}

@InputType()
export class CreateOrganizationInput {
  @Field()
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'Organization name must be 1 to 100 characters.' })
  name: string;
}

@InputType()
export class UpdateOrganizationInput {
  @Field()
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'Organization name must be 1 to 100 characters.' })
  name: string;
}
