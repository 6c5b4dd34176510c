import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { APP_ROLE } from './roles';

/** Who a transaction acts for: RLS policies read these two settings. */
export interface DbScope {
  organizationId: string | null;
  userId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TX_KEY = 'db.tx';

interface OperationTx {
  runner: Promise<QueryRunner>;
  scope: DbScope;
  /** Run once the transaction has committed, e.g. to dispatch the outbox rows it wrote. */
  afterCommit: Array<() => void>;
}

/** A UUID, checked, for SQL sent without bind parameters (multi-statement round trips). */
export function inlineUuid(id: string): string {
  if (!UUID.test(id)) throw new Error(`Not a UUID: ${id}`);
  return `'${id}'`;
}

function scopeSql(scope: DbScope): string {
  for (const id of [scope.organizationId, scope.userId]) {
    // Inlined below (one round trip, no bind parameters in a multi-statement query): only UUIDs pass.
    if (id !== null && !UUID.test(id)) throw new Error(`Not a UUID: ${id}`);
  }
  return `select set_config('app.organization_id', '${scope.organizationId ?? ''}', true), set_config('app.user_id', '${scope.userId ?? ''}', true)`;
}

/** Sets tenant and actor inside a transaction that `Db` does not track (see Db.isolated). */
export async function setScope(manager: EntityManager, scope: DbScope): Promise<void> {
  await manager.query(scopeSql(scope));
}

/**
 * The database as each GraphQL operation sees it: one transaction per operation, opened on first
 * use, run as the app role with the tenant and actor set as transaction-local settings, and
 * committed or rolled back when the response is ready (TransactionPlugin). The change and its
 * audit event therefore commit together or not at all.
 */
@Injectable()
export class Db {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cls: ClsService,
  ) {}

  /** Opens the operation's transaction for `scope`, or returns the one already open. */
  async begin(scope: DbScope): Promise<EntityManager> {
    const current = this.cls.get<OperationTx | undefined>(TX_KEY);
    if (current) {
      if (current.scope.organizationId !== scope.organizationId || current.scope.userId !== scope.userId) {
        await this.setScope(scope);
      }
      return (await current.runner).manager;
    }
    const tx: OperationTx = { runner: this.open(scope).then((opened) => opened.runner), scope: { ...scope }, afterCommit: [] };
    this.cls.set(TX_KEY, tx);
    return (await tx.runner).manager;
  }

  /**
   * Opens the operation's transaction and runs `sql` in the same round trip — the access check
   * every operation starts with. `sql` takes no bind parameters: the caller inlines only values it
   * has checked (inlineUuid). With a transaction already open, `sql` runs on its own.
   */
  async beginWith<T>(scope: DbScope, sql: string): Promise<T[]> {
    if (this.cls.get<OperationTx | undefined>(TX_KEY)) return (await this.begin(scope)).query(sql) as Promise<T[]>;
    const opening = this.open(scope, sql);
    this.cls.set(TX_KEY, { runner: opening.then((opened) => opened.runner), scope: { ...scope }, afterCommit: [] } satisfies OperationTx);
    return (await opening).rows as T[];
  }

  /** The operation's transaction; opens one acting for nobody if none is open yet. */
  async manager(): Promise<EntityManager> {
    const current = this.cls.get<OperationTx | undefined>(TX_KEY);
    return current ? (await current.runner).manager : this.begin({ organizationId: null, userId: null });
  }

  /** Changes tenant or actor inside the open transaction, e.g. right after creating an organization. */
  async setScope(scope: Partial<DbScope>): Promise<void> {
    const tx = this.cls.get<OperationTx | undefined>(TX_KEY);
    if (!tx) throw new Error('No open transaction');
    Object.assign(tx.scope, scope);
    await (await tx.runner).query(scopeSql(tx.scope));
  }

  /** Whether an operation's transaction is open in this context (not in background work). */
  get inOperation(): boolean {
    return this.cls.isActive() && !!this.cls.get<OperationTx | undefined>(TX_KEY);
  }

  /** Calls `fn` after the operation's transaction commits; never if it rolls back. */
  afterCommit(fn: () => void): void {
    const tx = this.cls.get<OperationTx | undefined>(TX_KEY);
    if (!tx) throw new Error('No open transaction');
    tx.afterCommit.push(fn);
  }

  get scope(): DbScope | null {
    return this.cls.get<OperationTx | undefined>(TX_KEY)?.scope ?? null;
  }

  /** Ends the operation's transaction; a no-op when the operation never touched the database. */
  async finish(commit: boolean): Promise<void> {
    const tx = this.cls.get<OperationTx | undefined>(TX_KEY);
    if (!tx) return;
    this.cls.set(TX_KEY, undefined);
    const runner = await tx.runner.catch(() => null);
    if (!runner) return; // it never opened (open() released the connection)
    try {
      await runner.query(commit ? 'commit' : 'rollback');
    } finally {
      await runner.release();
    }
    if (commit) for (const fn of tx.afterCommit) fn();
  }

  /**
   * Runs `fn` in a transaction of its own that commits whatever the operation does afterwards:
   * for what must be recorded even though the request fails (a failed sign-in, a replayed token).
   */
  async isolated<T>(scope: DbScope, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const { runner } = await this.open(scope);
    try {
      const result = await fn(runner.manager);
      await runner.query('commit');
      return result;
    } catch (error) {
      await runner.query('rollback');
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async open(scope: DbScope, first?: string): Promise<{ runner: QueryRunner; rows: unknown[] }> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      // One round trip opens the transaction, drops to the app role, sets the scope (and runs the
      // first statement, if any). SET LOCAL ROLE makes RLS apply even where the connection is a
      // superuser (embedded PGlite). The transaction is ours, not TypeORM's (no startTransaction),
      // so it ends by plain COMMIT/ROLLBACK.
      const opening = `begin; set local role ${APP_ROLE}; ${scopeSql(scope)}`;
      if (!first) {
        await runner.query(opening);
        return { runner, rows: [] };
      }
      // TypeORM keeps only a single statement's rows: the driver's client gives every statement's.
      const client = (runner as unknown as { databaseConnection: { query(sql: string): Promise<Array<{ rows: unknown[] }>> } }).databaseConnection;
      const results = await client.query(`${opening}; ${first}`);
      return { runner, rows: results[results.length - 1].rows };
    } catch (error) {
      await runner.query('rollback').catch(() => undefined);
      await runner.release();
      throw error;
    }
  }
}
