import { applyDecorators } from '@nestjs/common';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PartialUpdate } from '../graphql/input-guard';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Connection } from '../common/pagination';
import { trim } from '../common/transforms';

export const MAX_CONFIDENTIAL_TERMS = 500;

@ObjectType({ description: 'A company the organization runs social accounts for.' })
export class Client {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  archivedAt: Date | null;

  @Field({ description: 'Whether the caller may read this client’s confidential terms (owners, admins, compliance and the client’s own team).' })
  canReadConfidentialTerms: boolean;

  @Field(() => [String], {
    nullable: true,
    description: 'Project, product, partner and supplier names that must never appear in posts for anyone else. Null when the caller may not read them.',
  })
  confidentialTerms: string[] | null;

  @Field(() => Int, { description: 'Active social accounts of this client.' })
  accountCount: number;

  @Field(() => [ClientTeamMember], { description: 'Staff assigned to this client (its agency team) and the client’s own users.' })
  team: ClientTeamMember[];
}

@ObjectType()
export class ClientTeamMember {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  role: string;
}

@ObjectType()
export class ClientConnection extends Connection(Client) {}

@InputType()
export class ClientFilter {
  @Field({ nullable: true, description: 'Include archived clients (default: only active ones).' })
  @IsOptional()
  @IsBoolean()
  includeArchived?: boolean;

  @Field({ nullable: true, description: 'Part of the name.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 100)
  search?: string;
}

/** Trims, drops empties and case-insensitive duplicates, keeping the first spelling. */
export function cleanTerms({ value }: { value: unknown }): unknown {
  if (!Array.isArray(value)) return value;
  const seen = new Set<string>();
  const terms: unknown[] = [];
  for (const raw of value) {
    if (typeof raw !== 'string') {
      terms.push(raw);
      continue;
    }
    const term = raw.trim().replace(/\s+/g, ' ');
    const key = term.toLocaleLowerCase();
    if (term && !seen.has(key)) {
      seen.add(key);
      terms.push(term);
    }
  }
  return terms;
}

/** Optional list of terms: cleaned, then at most 500 of 1 to 100 characters each. */
const ConfidentialTerms = () =>
  applyDecorators(
    IsOptional(),
    Transform(cleanTerms),
    IsArray(),
    ArrayMaxSize(MAX_CONFIDENTIAL_TERMS, { message: `At most ${MAX_CONFIDENTIAL_TERMS} confidential terms per client.` }),
    IsString({ each: true }),
    Length(1, 100, { each: true, message: 'Each confidential term must be 1 to 100 characters.' }),
  );

@InputType()
export class CreateClientInput {
  @Field()
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'Client name must be 1 to 100 characters.' })
  name: string;

  @Field(() => [String], { nullable: true, defaultValue: [] })
  @ConfidentialTerms()
  confidentialTerms?: string[];
}

@InputType()
@PartialUpdate()
export class UpdateClientInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not a client id.' })
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'Client name must be 1 to 100 characters.' })
  name?: string;

  @Field(() => [String], { nullable: true, description: 'Replaces the whole list.' })
  @ConfidentialTerms()
  confidentialTerms?: string[];
}
