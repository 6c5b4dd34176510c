import { GraphQLSchemaHost } from '@nestjs/graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, print, visit, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { MAX_PAGE_SIZE } from '../src/common/pagination';
import { estimateCost, MAX_COMPLEXITY } from '../src/graphql/complexity.plugin';
import { REQUEST_LIMITS } from '../src/graphql/limits';
import { TestApp } from './support/test-app';

/**
 * Every operation the web app sends fits the request limits, at the largest page it could ask
 * for: a page of the product must never be refused as "too complex" (the policy editor's account
 * picker once was).
 */
const WEB_SRC = join(__dirname, '..', '..', 'web', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'gql' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const definitions = sources(WEB_SRC).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/graphql\(`([\s\S]*?)`\)/g)].flatMap((m) => parse(m[1]).definitions),
);
const fragments = new Map(definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]));
const operations = definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');

/** The operation with every fragment it uses, transitively. */
function documentOf(operation: OperationDefinitionNode): DocumentNode {
  const needed = new Map<string, FragmentDefinitionNode>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !needed.has(fragment.name.value)) {
          needed.set(fragment.name.value, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return { kind: 'Document' as DocumentNode['kind'], definitions: [operation, ...needed.values()] } as DocumentNode;
}

/** Variables as the page would send them: the largest page, and a made-up value for each required one. */
function variablesOf(operation: OperationDefinitionNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = print(definition.type);
    if (name === 'first') variables[name] = MAX_PAGE_SIZE;
    else if (type === 'ID!') variables[name] = '6f1b1a4e-2f7c-4b8a-9d51-0c6a3e2b7f10';
    else if (type === 'String!') variables[name] = 'x';
    else if (type === 'CalendarFilter!') variables[name] = { from: '2030-01-01T00:00:00Z', to: '2030-02-12T00:00:00Z' };
    else if (type === 'BacktestPolicyInput!') variables[name] = { policyId: '6f1b1a4e-2f7c-4b8a-9d51-0c6a3e2b7f10', limit: 5_000 };
    else if (type === '[String!]!') variables[name] = ['x'];
  }
  return variables;
}

describe('the web app’s operations fit the request limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('finds the web app’s operations', () => {
    expect(operations.length).toBeGreaterThan(40);
  });

  it('each query costs at most the limit with the largest page (first = 200)', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const over = operations
      .filter((o) => o.operation === 'query')
      .flatMap((operation) => {
        const cost = estimateCost(schema, documentOf(operation), variablesOf(operation), operation.name?.value);
        return cost > MAX_COMPLEXITY ? [`${operation.name?.value}: ${cost}`] : [];
      });
    expect(over).toEqual([]);
  });

  it('each is accepted by the server (depth, aliases, directives, tokens) — sent for real, signed in as an owner', async () => {
    const owner = await t.signUp('web');
    const refused: string[] = [];
    for (const operation of operations) {
      if (operation.operation !== 'query') continue;
      const res = await t.gql(print(documentOf(operation)), variablesOf(operation), { token: owner.token, organizationId: owner.organizationId });
      if (res.status === 400) refused.push(`${operation.name?.value}: ${res.errors?.[0].message}`);
    }
    expect(refused).toEqual([]);
    expect(REQUEST_LIMITS.maxDepth).toBeGreaterThanOrEqual(6);
  });
});
