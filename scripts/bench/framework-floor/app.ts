import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { YogaDriverConfig } from '@graphql-yoga/nestjs';
import { NestFactory } from '@nestjs/core';
import { Args, Field, GraphQLModule, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';

@ObjectType()
class Named {
  @Field(() => ID) id!: string;
  @Field() name!: string;
}
@ObjectType()
class Account {
  @Field(() => ID) id!: string;
  @Field() handle!: string;
  @Field() displayName!: string;
  @Field(() => Named, { nullable: true }) client!: Named | null;
  @Field(() => Named, { nullable: true }) owner!: Named | null;
  @Field() needsOwner!: boolean;
}
@ObjectType()
class Edge {
  @Field(() => Account) node!: Account;
  @Field() cursor!: string;
}
@ObjectType()
class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field({ nullable: true }) endCursor!: string;
}
@ObjectType()
class Conn {
  @Field(() => [Edge]) edges!: Edge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
const rows = Array.from({ length: 20 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  handle: `handle_${i}`,
  displayName: `Account ${i}`,
  client: { id: 'c', name: 'Client 1' },
  owner: { id: 'o', name: 'Editor 3' },
  needsOwner: false,
}));
@Resolver()
class R {
  @Query(() => Conn) socialAccounts(@Args('first', { type: () => Int }) first: number): Conn {
    return { edges: rows.slice(0, first).map((node) => ({ node, cursor: node.id })), pageInfo: { hasNextPage: true, endCursor: 'x' } };
  }
}
const kind = process.env.KIND ?? 'express-apollo';
/** Each driver's options; the Apollo ones answer unindented, as Clearpost does. */
async function graphqlModule(): Promise<DynamicModule> {
  if (kind.endsWith('-apollo')) {
    const { ApolloDriver } = await import('@nestjs/apollo');
    return GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      autoSchemaFile: true,
      playground: false,
      stringifyResult: (v: unknown) => JSON.stringify(v),
    });
  }
  if (kind.endsWith('-mercurius')) {
    const { MercuriusDriver } = await import('@nestjs/mercurius');
    return GraphQLModule.forRoot<MercuriusDriverConfig>({ driver: MercuriusDriver, autoSchemaFile: true, graphiql: false });
  }
  const { YogaDriver } = await import('@graphql-yoga/nestjs');
  return GraphQLModule.forRoot<YogaDriverConfig>({ driver: YogaDriver, autoSchemaFile: true, graphiql: false, logging: false, maskedErrors: false });
}

async function main() {
  @Module({ imports: [await graphqlModule()], providers: [R] })
  class AppModule {}
  const options = { logger: ['error' as const], abortOnError: false };
  const app = kind.startsWith('fastify')
    ? await NestFactory.create(AppModule, new (await import('@nestjs/platform-fastify')).FastifyAdapter(), options)
    : await NestFactory.create(AppModule, options);
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  console.log('ready');
}
main();
