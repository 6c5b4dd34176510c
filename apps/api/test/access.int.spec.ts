import { Module } from '@nestjs/common';
import { GraphQLSchemaHost, Query, Resolver } from '@nestjs/graphql';
import { listOperationAccess } from '../src/tenancy/operation-access';
import { TestApp } from './support/test-app';

/** An operation someone forgot to declare: it must be refused, never served. */
@Resolver()
class UndeclaredProbeResolver {
  @Query(() => String)
  undeclaredProbe(): string {
    return 'this must never be returned';
  }
}

@Module({ providers: [UndeclaredProbeResolver] })
class UndeclaredProbeModule {}

describe('every operation declares its access (default deny)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({}, [UndeclaredProbeModule]);
  });
  afterAll(() => t.close());

  it('lists every query and mutation of the schema with its declared access', () => {
    const listed = listOperationAccess(t.app);
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const served = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((name) => `Query.${name}`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((name) => `Mutation.${name}`),
    ].sort();
    // Nothing served escapes the list (a field resolved some other way would).
    expect(listed.map((o) => o.operation).sort()).toEqual(served);

    const production = listed.filter((o) => o.operation !== 'Query.undeclaredProbe');
    expect(production.filter((o) => o.access === null)).toEqual([]);
    // Reviewed list: a change here is a change to who may do what.
    expect(production.map((o) => `${o.operation}: ${o.access}`)).toMatchSnapshot();
  });

  it('refuses an operation that declares nothing, even to a signed-in owner', async () => {
    const owner = await t.signUp('probe');
    const res = await t.gql('{ undeclaredProbe }', {}, { token: owner.token, organizationId: owner.organizationId });
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.gql('{ undeclaredProbe }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
