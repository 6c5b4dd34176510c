import { escapeLiteral, type Pool, type PoolClient, type QueryResult } from 'pg';
import { APP_ROLE } from './roles';
import { isId } from '../common/ids';

/** Who a transaction acts for: row-level security reads these two settings. */
export interface DbScope {
  organizationId: string | null;
  userId: string | null;
}

export interface StatementOptions {
  /**
   * Prepares the statement once per connection under this name (hot queries): planning it again
   * on every request costs more than running it. Names are per feature: `accounts.page`.
   */
  name?: string;
}

/**
 * The one way to reach the database: a transaction acting for one tenant and one actor, under the
 * app role, so row-level security scopes every statement. Requests get theirs from the guard
 * (`@CurrentTx()`), background work from `Db.run`. It opens on its first statement and ends when
 * its owner commits or rolls it back; whatever it wrote commits together or not at all.
 */
export interface Tx {
  readonly scope: Readonly<DbScope>;
  /** The rows of a statement. */
  many<T>(sql: string, params?: unknown[], options?: StatementOptions): Promise<T[]>;
  /** The first row of a statement, or null. */
  one<T>(sql: string, params?: unknown[], options?: StatementOptions): Promise<T | null>;
  /** A statement's rows and how many rows it changed (INSERT, UPDATE, DELETE). */
  query<T>(sql: string, params?: unknown[], options?: StatementOptions): Promise<{ rows: T[]; rowCount: number }>;
  /** Runs `fn` once the transaction has committed; never if it rolls back. */
  afterCommit(fn: () => unknown): void;
  /**
   * Sends `sql` in the round trip that commits, after every other statement, in the scope current
   * when it was called: appending to the audit chain this way locks the chain's head for no round
   * trip at all. No bind parameters: inline values with `literal` and `inlineUuid`.
   */
  atCommit(sql: string): void;
  /** Changes tenant or actor from the next statement on (after creating an organization, accepting an invitation). */
  rescope(scope: Partial<DbScope>): Promise<void>;
  /**
   * Runs `fn` acting for no user — the scope system work has, which row-level security widens for
   * some tables (every client's confidential terms). The one way to do it, named so that a reader
   * sees why: `tx.asSystem('check a post against every client’s confidential terms', …)`. Other
   * statements of the same operation wait until `fn` is done.
   */
  asSystem<T>(why: string, fn: (system: Tx) => Promise<T>): Promise<T>;
  /**
   * `asSystem` for one parameterless statement, in a single round trip: the actor is set aside,
   * the statement runs, the actor is restored — nothing of the operation can run in between.
   * Inline only checked values (inlineUuid).
   */
  systemMany<T>(why: string, sql: string): Promise<T[]>;
}

/** A UUID, checked, for SQL sent without bind parameters (multi-statement round trips). */
export function inlineUuid(id: string): string {
  if (!isId(id)) throw new Error(`Not a UUID: ${id}`);
  return `'${id}'`;
}

/** A string (or null) as an SQL literal, for statements sent without bind parameters. */
export function literal(value: string | null): string {
  return value === null ? 'null' : escapeLiteral(value);
}

function scopeSql(scope: DbScope): string {
  const value = (id: string | null) => (id === null ? `''` : inlineUuid(id));
  return `select set_config('app.organization_id', ${value(scope.organizationId)}, true), set_config('app.user_id', ${value(scope.userId)}, true)`;
}

/** Counts kept per transaction, for metrics and for tests that count round trips. */
export interface TxStats {
  roundTrips: number;
  statements: number;
}

export interface TxOptions {
  /** Prepared-statement names get a per-connection suffix: embedded PGlite shares one session between its sockets. */
  sharedSession: boolean;
  onFinish?(stats: TxStats, committed: boolean): void;
}

let connections = 0;
const connectionIds = new WeakMap<PoolClient, number>();
/** Connections the server ended while checked out: destroyed on release, never reused. */
const broken = new WeakSet<PoolClient>();

/** The transaction behind `Tx`, on one pooled connection. */
export class PgTx implements Tx {
  private client: PoolClient | null = null;
  private opening: Promise<PoolClient> | null = null;
  private ended = false;
  private readonly callbacks: Array<() => unknown> = [];
  private readonly final: Array<{ scope: DbScope; sql: string }> = [];
  /** Whether BEGIN has been sent. */
  private begun = false;
  /** Held while `asSystem` runs: the operation's other statements wait for it. */
  private gate: Promise<void> = Promise.resolve();
  readonly stats: TxStats = { roundTrips: 0, statements: 0 };
  private current: DbScope;

  constructor(
    private readonly pool: Pool,
    scope: DbScope,
    private readonly options: TxOptions,
  ) {
    this.current = { ...scope };
  }

  get scope(): Readonly<DbScope> {
    return this.current;
  }

  get opened(): boolean {
    return this.opening !== null;
  }

  /**
   * Opens the transaction with `sql` run in the same round trip, and returns its rows — the access
   * check every request starts with. `sql` takes no bind parameters (inline only checked values).
   * If the transaction is already open, `sql` runs on its own.
   */
  async openWith<T>(scope: DbScope, sql: string): Promise<T[]> {
    if (this.opening) {
      await this.rescope(scope);
      return this.many<T>(sql);
    }
    this.current = { ...scope };
    let rows: unknown[] = [];
    this.opening = this.connect(async (client) => {
      this.begun = true;
      const results = (await this.send(client, `${this.beginSql()}; ${sql}`)) as unknown as QueryResult[];
      rows = results[results.length - 1].rows;
    });
    await this.opening;
    return rows as T[];
  }

  async many<T>(sql: string, params: unknown[] = [], options: StatementOptions = {}): Promise<T[]> {
    return (await this.query<T>(sql, params, options)).rows;
  }

  async one<T>(sql: string, params: unknown[] = [], options: StatementOptions = {}): Promise<T | null> {
    return (await this.query<T>(sql, params, options)).rows[0] ?? null;
  }

  async query<T>(sql: string, params: unknown[] = [], options: StatementOptions = {}): Promise<{ rows: T[]; rowCount: number }> {
    await this.gate;
    return this.run<T>(sql, params, options);
  }

  afterCommit(fn: () => unknown): void {
    this.callbacks.push(fn);
  }

  atCommit(sql: string): void {
    if (this.ended) throw new Error('This transaction has ended');
    this.final.push({ scope: { ...this.current }, sql });
  }

  async rescope(scope: Partial<DbScope>): Promise<void> {
    const next = { ...this.current, ...scope };
    if (next.organizationId === this.current.organizationId && next.userId === this.current.userId) return;
    this.current = next;
    if (this.opening) await this.run(scopeSql(next), []);
  }

  async asSystem<T>(why: string, fn: (system: Tx) => Promise<T>): Promise<T> {
    await this.gate;
    let release = () => undefined as void;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    const actor = this.current.userId;
    const system: Tx = {
      scope: { organizationId: this.current.organizationId, userId: null },
      many: (sql, params, options) => this.run(sql, params ?? [], options ?? {}).then((r) => r.rows as never),
      one: (sql, params, options) => this.run(sql, params ?? [], options ?? {}).then((r) => (r.rows[0] ?? null) as never),
      query: (sql, params, options) => this.run(sql, params ?? [], options ?? {}) as never,
      afterCommit: (callback) => this.afterCommit(callback),
      atCommit: (sql) => this.atCommit(sql),
      rescope: () => Promise.reject(new Error(`Cannot change scope while acting as the system (${why})`)),
      asSystem: (_why, inner) => inner(system),
      systemMany: (_why, sql) => this.run(sql, []).then((r) => r.rows as never),
    };
    try {
      await this.setUser(null);
      return await fn(system);
    } finally {
      await this.setUser(actor).catch(() => undefined);
      release();
    }
  }

  async systemMany<T>(_why: string, sql: string): Promise<T[]> {
    await this.gate;
    const actor = this.current.userId;
    const restore = `select set_config('app.user_id', ${actor === null ? `''` : inlineUuid(actor)}, true)`;
    // A multi-statement simple query answers with one result per statement.
    const results = (await this.raw(`select set_config('app.user_id', '', true); ${sql}; ${restore}`)) as unknown as QueryResult[];
    return results[1].rows as T[];
  }

  /** Commits (or rolls back) and returns the connection; a no-op when nothing was ever sent. */
  async finish(commit: boolean): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    const kept = commit && this.final.length > 0;
    if (!this.opening && !kept) return;
    // Statements kept for the commit open the transaction in that round trip if nothing else did.
    this.opening ??= this.connect(() => Promise.resolve());
    const client = await this.opening.catch(() => null);
    if (!client) return; // it never opened (connect released the connection)
    const end = commit ? this.commitSql() : 'rollback';
    let committed = false;
    try {
      await this.send(client, this.begun ? end : `${this.beginSql()}; ${end}`);
      committed = commit;
    } catch (error) {
      // A statement kept for the commit failed: the rest of the round trip, COMMIT included, was skipped.
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release(broken.has(client) || undefined);
      this.client = null;
      this.options.onFinish?.(this.stats, committed);
    }
    if (committed) for (const fn of this.callbacks) await fn();
  }

  private beginSql(): string {
    return `begin; set local role ${APP_ROLE}; ${scopeSql(this.current)}`;
  }

  /** `commit`, after the statements kept for it, each in the scope it was given in. */
  private commitSql(): string {
    const parts: string[] = [];
    let scope = this.current;
    for (const { scope: wanted, sql } of this.final) {
      if (wanted.organizationId !== scope.organizationId || wanted.userId !== scope.userId) parts.push(scopeSql(wanted));
      scope = wanted;
      parts.push(sql);
    }
    parts.push('commit');
    return parts.join('; ');
  }

  private async setUser(userId: string | null): Promise<void> {
    this.current = { ...this.current, userId };
    if (this.opening) await this.run(`select set_config('app.user_id', ${userId === null ? `''` : inlineUuid(userId)}, true)`, []);
  }

  private async run<T>(sql: string, params: unknown[], options: StatementOptions = {}): Promise<{ rows: T[]; rowCount: number }> {
    const client = await this.connection();
    const name = options.name && (this.options.sharedSession ? `${options.name}.${connectionIds.get(client)}` : options.name);
    const result = await this.send(client, name ? { name, text: sql, values: params } : params.length ? { text: sql, values: params } : sql);
    return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
  }

  private connection(): Promise<PoolClient> {
    if (this.ended) return Promise.reject(new Error('This transaction has ended'));
    this.opening ??= this.connect((client) => {
      this.begun = true;
      return this.send(client, this.beginSql()).then(() => undefined);
    });
    return this.opening;
  }

  private async raw(sql: string): Promise<QueryResult | QueryResult[]> {
    return this.send(await this.connection(), sql);
  }

  private async connect(first: (client: PoolClient) => Promise<void>): Promise<PoolClient> {
    const client = await this.pool.connect();
    if (!connectionIds.has(client)) {
      connectionIds.set(client, ++connections);
      // A connection the server ends while it is checked out (a restart, an admin's kill) emits
      // 'error' on the client: without a listener that would end the process. The statement in
      // flight fails by itself; the client is destroyed when released instead of going back to the pool.
      client.on('error', () => broken.add(client));
    }
    try {
      await first(client);
      this.client = client;
      return client;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      client.release(broken.has(client) || undefined);
      throw error;
    }
  }

  private send(client: PoolClient, query: string | { name?: string; text: string; values: unknown[] }): Promise<QueryResult> {
    this.stats.roundTrips++;
    this.stats.statements++;
    return client.query(query as never) as Promise<QueryResult>;
  }
}
