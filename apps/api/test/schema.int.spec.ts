import { GraphQLSchemaHost } from '@nestjs/graphql';
import { readFileSync } from 'node:fs';
import { printSortedSchema, SCHEMA_FILE } from '../src/graphql/print-schema';
import { TestApp } from './support/test-app';

describe('committed GraphQL schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('matches what the code defines (run `npm run schema` after changing the API)', () => {
    const live = printSortedSchema(t.app.get(GraphQLSchemaHost).schema);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(live);
  });
});
