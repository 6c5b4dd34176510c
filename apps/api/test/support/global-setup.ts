import { Client } from 'pg';
import { migrate } from '../../src/database/data-source';
import { adminUrl, databaseUrl, TEMPLATE_PREFIX } from './databases';

/**
 * Migrates one template database per test run; each test file then clones it
 * (CREATE DATABASE … TEMPLATE), which takes milliseconds instead of a migration run.
 */
export default async function globalSetup(): Promise<void> {
  const template = `${TEMPLATE_PREFIX}${process.pid}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    // Leftovers from runs that were killed before their teardown; a run still going (another
    // checkout testing against the same server) keeps its databases.
    const { rows } = await admin.query(`select datname from pg_database where datname like 'clearpost\\_t%' and datname <> $1`, [template]);
    for (const { datname } of rows as Array<{ datname: string }>) {
      const pid = Number(/^clearpost_t(?:pl)?_(\d+)/.exec(datname)?.[1]);
      if (pid && isAlive(pid)) continue;
      await admin.query(`drop database if exists "${datname}" with (force)`).catch(() => undefined);
    }
    await admin.query(`drop database if exists "${template}" with (force)`);
    await admin.query(`create database "${template}"`);
  } finally {
    await admin.end();
  }
  await migrate(databaseUrl(template));
  process.env.CLEARPOST_TEST_TEMPLATE = template;
  process.env.CLEARPOST_TEST_RUN = String(process.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
