import 'reflect-metadata';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../bootstrap';
import { loadConfig } from '../config/config';

export const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.graphql');

export function printSortedSchema(schema: GraphQLSchema): string {
  return `# Generated from the code-first API by \`npm run schema\`. Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** Boots the API on a throwaway embedded database and writes its schema, sorted, to schema.graphql. */
async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clearpost-schema-'));
  try {
    const config = { ...loadConfig({ CLEARPOST_DATA_DIR: dataDir }), databaseUrl: null, redisUrl: null };
    const app = await createApp(config, { logger: false });
    await app.init();
    writeFileSync(SCHEMA_FILE, printSortedSchema(app.get(GraphQLSchemaHost).schema));
    await app.close();
    console.log(`Wrote ${SCHEMA_FILE}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error);
    process.exit(1);
  });
}
