import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEMPLATE_PREFIX = 'clearpost_tpl_';

/** The server tests run against: TEST_DATABASE_URL, or the local PostgreSQL as superuser. */
export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(fn: (client: Client) => Promise<T>, database?: string): Promise<T> {
  const client = new Client({ connectionString: database ? databaseUrl(database) : adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database for one test file. */
export async function createTestDatabase(): Promise<string> {
  const template = process.env.CLEARPOST_TEST_TEMPLATE;
  if (!template) throw new Error('CLEARPOST_TEST_TEMPLATE is not set: run through jest (global setup)');
  // Named after the run (its global setup's pid), so a concurrent run's clean-up leaves it alone.
  const name = `clearpost_t_${process.env.CLEARPOST_TEST_RUN ?? '0'}_${randomBytes(6).toString('hex')}`;
  // Cloning needs the template to have no other sessions; retry briefly if a clone is under way.
  for (let attempt = 0; ; attempt++) {
    try {
      await withAdmin((admin) => admin.query(`create database "${name}" template "${template}"`));
      return name;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}

export async function dropTestDatabase(name: string): Promise<void> {
  await withAdmin((admin) => admin.query(`drop database if exists "${name}" with (force)`));
}
