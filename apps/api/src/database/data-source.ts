import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** Runs pending migrations as the owner (the role in `ownerUrl`), each in its own transaction. */
export async function migrate(ownerUrl: string): Promise<string[]> {
  const owner = new DataSource({
    type: 'postgres',
    url: ownerUrl,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    extra: { max: 1 },
  });
  await owner.initialize();
  try {
    const ran = await owner.runMigrations();
    return ran.map((m) => m.name);
  } finally {
    await owner.destroy();
  }
}

/**
 * The app's pool. Whatever role it connects as, every transaction switches to the app role
 * (see Db), so RLS holds on a real server and on embedded PGlite alike.
 */
export function appDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize },
  });
}
