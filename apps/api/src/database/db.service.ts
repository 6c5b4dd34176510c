import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { PgTx, type DbScope, type Tx, type TxStats } from './tx';

export type { DbScope, Tx } from './tx';
export { inlineUuid } from './tx';

/** Called when a transaction ends: metrics, and tests that count round trips. */
export type TxListener = (stats: TxStats, committed: boolean) => void;

/**
 * Hands out transactions. Requests get one each (created by TxMiddleware, opened by the guard's
 * access check, ended by TransactionPlugin for GraphQL and TransactionInterceptor for REST);
 * background jobs open theirs with `run`. Same type, same scoping, either way.
 */
@Injectable()
export class Db {
  private readonly pool: Pool;
  private readonly listeners = new Set<TxListener>();

  constructor(
    dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // TypeORM owns the pool (and runs the migrations); statements go to the pg driver directly.
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
  }

  /** A transaction for `scope` that opens on its first statement. The caller ends it (`finish`). */
  create(scope: DbScope = { organizationId: null, userId: null }): PgTx {
    return new PgTx(this.pool, scope, {
      sharedSession: this.config.databaseUrl === null,
      onFinish: (stats, committed) => this.listeners.forEach((listener) => listener(stats, committed)),
    });
  }

  /** Runs `fn` in a transaction of its own: committed when `fn` resolves, rolled back when it throws. */
  async run<T>(scope: DbScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const tx = this.create(scope);
    let result: T;
    try {
      result = await fn(tx);
    } catch (error) {
      await tx.finish(false).catch(() => undefined);
      throw error;
    }
    await tx.finish(true);
    return result;
  }

  /** Whether the database answers (health checks): one statement outside any transaction. */
  async ping(): Promise<void> {
    await this.pool.query('select 1');
  }

  /** How many migrations the database has recorded (read as the app role). */
  async appliedMigrations(): Promise<number> {
    return this.run({ organizationId: null, userId: null }, async (tx) => (await tx.one<{ n: number }>('select count(*)::int as n from migrations'))?.n ?? 0);
  }

  onFinish(listener: TxListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
