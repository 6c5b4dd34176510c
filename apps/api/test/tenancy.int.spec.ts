import { ClsService } from 'nestjs-cls';
import { Db } from '../src/database/db.service';
import { APP_ROLE } from '../src/database/roles';
import { withAdmin } from './support/databases';
import { TestApp, type SignedIn } from './support/test-app';

/** Tenant isolation enforced by PostgreSQL itself, whatever the application code asks for. */
describe('tenancy enforced by the database (real PostgreSQL, RLS)', () => {
  let t: TestApp;
  let alice: SignedIn;
  let bob: SignedIn;
  let db: Db;
  let cls: ClsService;

  const TENANT_TABLES = ['organization', 'membership', 'audit_head', 'audit_event'];

  beforeAll(async () => {
    t = await TestApp.start();
    alice = await t.signUp('alice');
    bob = await t.signUp('bob');
    db = t.app.get(Db);
    cls = t.app.get(ClsService);
  });
  afterAll(() => t.close());

  /** Runs `fn` in an operation transaction exactly as a request would, then rolls it back. */
  function asTenant<T>(organizationId: string | null, userId: string | null, fn: (query: (sql: string) => Promise<any[]>) => Promise<T>) {
    return cls.run(async () => {
      const manager = await db.begin({ organizationId, userId });
      try {
        return await fn((sql) => manager.query(sql));
      } finally {
        await db.finish(false);
      }
    });
  }

  it('a query with no WHERE at all returns none of another tenant’s rows', async () => {
    for (const table of TENANT_TABLES) {
      const rows = await asTenant(bob.organizationId, null, (query) => query(`select * from ${table}`));
      const ids = rows.map((row) => row.organization_id ?? row.id);
      expect(ids).not.toContain(alice.organizationId);
      expect(ids.every((id) => id === bob.organizationId)).toBe(true);
      expect(rows.length).toBeGreaterThan(0);
    }
  });

  it('the same query as the first tenant sees its own rows (the test above can fail)', async () => {
    const events = await asTenant(alice.organizationId, null, (query) => query(`select organization_id from audit_event`));
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(new Set(events.map((e) => e.organization_id))).toEqual(new Set([alice.organizationId]));
  });

  it('with no tenant set, tenant tables read as empty', async () => {
    for (const table of TENANT_TABLES) {
      expect(await asTenant(null, null, (query) => query(`select * from ${table}`))).toEqual([]);
    }
  });

  it('refuses to write a row into another tenant', async () => {
    await expect(
      asTenant(bob.organizationId, bob.userId, (query) =>
        query(`insert into membership (organization_id, user_id, role) values ('${alice.organizationId}', '${bob.userId}', 'OWNER')`),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('cannot move or alter another tenant’s rows by UPDATE', async () => {
    const [, affected] = await asTenant(bob.organizationId, bob.userId, (query) =>
      query(`update organization set name = 'hijacked' where id = '${alice.organizationId}'`),
    );
    expect(affected).toBe(0);
  });

  it('runs requests as a role that owns no table and cannot bypass RLS', async () => {
    const [role] = await asTenant(null, null, (query) =>
      query(`select current_user as name, r.rolsuper, r.rolbypassrls from pg_roles r where r.rolname = current_user`),
    );
    expect(role).toEqual({ name: APP_ROLE, rolsuper: false, rolbypassrls: false });
    const owned = await withAdmin(
      (admin) => admin.query(`select tablename from pg_tables where schemaname = 'public' and tableowner = $1`, [APP_ROLE]),
      t.database,
    );
    expect(owned.rows).toEqual([]);
  });

  it('forces RLS on every tenant-owned table, and every such table leads its indexes with organization_id', async () => {
    const tables = await withAdmin(
      (admin) =>
        admin.query(
          `select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
            where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname = any($1) order by c.relname`,
          [TENANT_TABLES.filter((name) => name !== 'organization')],
        ),
      t.database,
    );
    for (const table of tables.rows) expect(table).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
    const indexes = await withAdmin(
      (admin) =>
        admin.query(
          `select i.indexrelid::regclass::text as index, a.attname as first_column
             from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
            where i.indrelid::regclass::text = any($1)`,
          [['membership', 'audit_head', 'audit_event']],
        ),
      t.database,
    );
    expect(indexes.rows.length).toBeGreaterThanOrEqual(7);
    for (const index of indexes.rows) expect(index.first_column).toBe('organization_id');
  });
});

describe('the audit trail is append-only', () => {
  let t: TestApp;
  let alice: SignedIn;

  beforeAll(async () => {
    t = await TestApp.start();
    alice = await t.signUp('alice');
  });
  afterAll(() => t.close());

  function asApp(sql: string) {
    const db = t.app.get(Db);
    return t.app.get(ClsService).run(async () => {
      const manager = await db.begin({ organizationId: alice.organizationId, userId: alice.userId });
      try {
        return await manager.query(sql);
      } finally {
        await db.finish(false);
      }
    });
  }

  it('the app role can neither UPDATE nor DELETE audit rows', async () => {
    await expect(asApp(`update audit_event set action = 'forged' where seq = 1`)).rejects.toThrow(/permission denied/);
    await expect(asApp(`delete from audit_event where seq = 1`)).rejects.toThrow(/permission denied/);
    await expect(asApp(`truncate audit_event`)).rejects.toThrow(/permission denied/);
  });

  it('triggers refuse UPDATE, DELETE and TRUNCATE even for the owner', async () => {
    await withAdmin(async (owner) => {
      await expect(owner.query(`update audit_event set action = 'forged'`)).rejects.toThrow(/append-only: UPDATE/);
      await expect(owner.query(`delete from audit_event`)).rejects.toThrow(/append-only: DELETE/);
      await expect(owner.query(`truncate audit_event`)).rejects.toThrow(/append-only: TRUNCATE/);
      const { rows } = await owner.query(`select count(*)::int as n from audit_event where organization_id = $1`, [alice.organizationId]);
      expect(rows[0].n).toBeGreaterThanOrEqual(3);
    }, t.database);
  });
});
