import { graphql } from './gql';
import { Db, type Tx } from '../src/database/db.service';
import { APP_ROLE } from '../src/database/roles';
import { Outbox } from '../src/outbox/outbox.service';
import { databaseUrl, withAdmin } from './support/databases';
import { addAccount, createClient, INVITE } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

/** Tenant isolation enforced by PostgreSQL itself, whatever the application code asks for. */
describe('tenancy enforced by the database (real PostgreSQL, RLS)', () => {
  let t: TestApp;
  let alice: SignedIn;
  let bob: SignedIn;
  let db: Db;

  /** Every table that holds tenant rows, from the catalog: `organization` and each table with organization_id. */
  let TENANT_TABLES: string[];

  beforeAll(async () => {
    t = await TestApp.start();
    alice = await t.signUp('alice');
    bob = await t.signUp('bob');
    db = t.app.get(Db);
    // Rows in as many tenant tables as the API fills, for both tenants.
    for (const who of [alice, bob]) {
      const as = { token: who.token, organizationId: who.organizationId };
      const client = await createClient(t, who, `Client of ${who.email}`, ['Secret project']);
      await addAccount(t, who, { handle: `brand_${who.userId.slice(0, 6)}`, clientId: client, ownerId: who.userId });
      await t.gql(INVITE, { input: { email: `invitee-${who.userId.slice(0, 6)}@example.test`, role: 'CLIENT_VIEWER', clientIds: [client] } }, as);
      const policy = await t.gql(
        graphql(`
          mutation Tenancy1 {
            createPolicy(input: { name: "P", templateId: "sme-social-media-policy-en" }) {
              id
            }
          }
        `),
        {},
        as,
      );
      await t.gql(
        graphql(`
          mutation Tenancy2($id: ID!) {
            attachPolicy(input: { policyId: $id, scope: ORGANIZATION }) {
              id
            }
          }
        `),
        { id: policy.data!.createPolicy.id },
        as,
      );
      await t.gql(
        graphql(`
          mutation Tenancy3 {
            updatePolicyDocumentDraft(input: { title: "Charte", body: "Texte" }) {
              id
            }
          }
        `),
        {},
        as,
      );
      await t.gql(
        graphql(`
          mutation Tenancy4 {
            publishPolicyDocument(input: { reminderAfterHours: 1 }) {
              id
            }
          }
        `),
        {},
        as,
      );
    }
    const { rows } = await withAdmin(
      (admin) =>
        admin.query(`select c.relname from pg_class c
                      where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
                        and (c.relname = 'organization' or exists (select 1 from pg_attribute a
                              where a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped))
                      order by c.relname`),
      t.database,
    );
    TENANT_TABLES = rows.map((r: { relname: string }) => r.relname);
  });
  afterAll(() => t.close());

  /** Runs `fn` in a transaction exactly as a request's (app role, tenant and actor set), then rolls it back. */
  async function asTenant<T>(organizationId: string | null, userId: string | null, fn: (query: (sql: string) => Promise<any[]>, tx: Tx) => Promise<T>) {
    const tx = db.create({ organizationId, userId });
    try {
      return await fn((sql) => tx.many(sql), tx);
    } finally {
      await tx.finish(false);
    }
  }

  it('finds the tenant tables from the catalog, outbox included', () => {
    expect(TENANT_TABLES).toEqual(
      expect.arrayContaining(['organization', 'membership', 'audit_event', 'client', 'social_account', 'outbound_mail', 'outbox', 'policy']),
    );
    expect(TENANT_TABLES.length).toBeGreaterThanOrEqual(17);
  });

  it('a query with no WHERE at all returns none of another tenant’s rows, in every tenant table', async () => {
    const filled: string[] = [];
    for (const table of TENANT_TABLES) {
      const rows = await asTenant(bob.organizationId, bob.userId, (query) => query(`select * from ${table}`));
      const ids = rows.map((row) => (table === 'organization' ? row.id : row.organization_id));
      expect({ table, foreign: ids.filter((id) => id !== bob.organizationId) }).toEqual({ table, foreign: [] });
      if (rows.length > 0) filled.push(table);
    }
    // Not vacuous: bob's own rows are there in most of them.
    expect(filled.length).toBeGreaterThanOrEqual(14);
  });

  it('the same query as the first tenant sees its own rows (the test above can fail)', async () => {
    const events = await asTenant(alice.organizationId, null, (query) => query(`select organization_id from audit_event`));
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(new Set(events.map((e) => e.organization_id))).toEqual(new Set([alice.organizationId]));
  });

  it('with no tenant set, tenant tables read as empty (the outbox too)', async () => {
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
    const { rowCount } = await asTenant(bob.organizationId, bob.userId, (_query, tx) =>
      tx.query(`update organization set name = 'hijacked' where id = '${alice.organizationId}'`),
    );
    expect(rowCount).toBe(0);
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

  it('forces RLS with a tenant policy on every tenant table, and the core tables lead their indexes with organization_id', async () => {
    const tables = await withAdmin(
      (admin) =>
        admin.query(
          `select c.relname, c.relrowsecurity, c.relforcerowsecurity,
                  exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polcmd = '*' and p.polpermissive
                            and pg_get_expr(p.polqual, p.polrelid) like '%app.organization_id%') as tenant_policy
             from pg_class c
            where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname = any($1) order by c.relname`,
          [TENANT_TABLES],
        ),
      t.database,
    );
    expect(tables.rows.length).toBe(TENANT_TABLES.length);
    for (const table of tables.rows) expect(table).toEqual({ relname: table.relname, relrowsecurity: true, relforcerowsecurity: true, tenant_policy: true });
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

  async function asApp(sql: string) {
    const tx = t.app.get(Db).create({ organizationId: alice.organizationId, userId: alice.userId });
    try {
      return await tx.many(sql);
    } finally {
      await tx.finish(false);
    }
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

describe('the outbox under row-level security, and its dispatcher', () => {
  /** Runs `sql` as the app role in a transaction scoped to `organizationId` (null: no tenant). */
  function asApp(t: TestApp, organizationId: string | null, sql: string, params: unknown[] = []) {
    return t.app.get(Db).run({ organizationId, userId: null }, (tx) => tx.many<any>(sql, params));
  }

  async function twoTenantsWithDueWork(t: TestApp): Promise<SignedIn[]> {
    const tenants = [await t.signUp('due-a'), await t.signUp('due-b')];
    for (const who of tenants) {
      const as = { token: who.token, organizationId: who.organizationId };
      await t.gql(
        graphql(`
          mutation Tenancy5 {
            updatePolicyDocumentDraft(input: { title: "Charte", body: "Texte" }) {
              id
            }
          }
        `),
        {},
        as,
      );
      const published = await t.gql(
        graphql(`
          mutation Tenancy6 {
            publishPolicyDocument(input: { reminderAfterHours: 1 }) {
              id
            }
          }
        `),
        {},
        as,
      );
      expect(published.errors).toBeUndefined();
    }
    // The reminders are due in an hour: make them due now (as the superuser, past RLS).
    await withAdmin((admin) => admin.query(`update outbox set available_at = now() - interval '1 minute'`), t.database);
    return tenants;
  }

  it('the app role sees only its tenant’s outbox rows; outbox_due returns every tenant’s due ids and nothing else', async () => {
    const t = await TestApp.start({ outboxSweepMs: 3_600_000 });
    try {
      const [a, b] = await twoTenantsWithDueWork(t);
      const mine = await asApp(t, a.organizationId, `select organization_id from outbox`);
      expect(mine.length).toBeGreaterThan(0);
      expect(new Set(mine.map((r) => r.organization_id))).toEqual(new Set([a.organizationId]));
      expect(await asApp(t, null, `select * from outbox`)).toEqual([]);
      const due = await asApp(t, null, `select * from outbox_due(100)`);
      expect(new Set(due.map((r) => r.organization_id))).toEqual(new Set([a.organizationId, b.organizationId]));
      expect(Object.keys(due[0]).sort()).toEqual(['attempts', 'id', 'organization_id']); // ids and a count: no tenant content
      const { rowCount } = await t.app
        .get(Db)
        .run({ organizationId: a.organizationId, userId: null }, (tx) =>
          tx.query(`update outbox set topic = 'x' where organization_id = $1`, [b.organizationId]),
        );
      expect(rowCount).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('works when the migrations ran as a non-superuser owner, as infra/postgres/roles.sql sets up', async () => {
    const role = `clearpost_owner_t_${process.pid}`;
    const database = `clearpost_t_${process.env.CLEARPOST_TEST_RUN ?? '0'}_owner_${process.pid}`;
    await withAdmin(async (admin) => {
      await admin.query(`drop database if exists "${database}" with (force)`);
      await admin.query(`drop role if exists ${role}`);
      await admin.query(`create role ${role} login nosuperuser nobypassrls nocreatedb nocreaterole`);
      await admin.query(`grant ${APP_ROLE} to ${role}`);
      await admin.query(`create database "${database}" owner ${role}`);
    });
    const url = new URL(databaseUrl(database));
    url.username = role;
    const t = await TestApp.start({ databaseUrl: url.toString(), outboxSweepMs: 3_600_000 });
    try {
      const [superuser] = await asApp(t, null, `select rolsuper from pg_roles where rolname = $1`, [role]);
      expect(superuser.rolsuper).toBe(false);
      const tenants = await twoTenantsWithDueWorkIn(t, database);
      const due = await asApp(t, null, `select * from outbox_due(100)`);
      expect(new Set(due.map((r) => r.organization_id))).toEqual(new Set(tenants.map((w) => w.organizationId)));
      expect(await asApp(t, null, `select * from outbox`)).toEqual([]);
      // The sweep dispatches them and each runs in its own tenant: the reminders get sent.
      expect(await t.app.get(Outbox).sweep()).toBe(due.length);
    } finally {
      await t.close();
      await withAdmin(async (admin) => {
        await admin.query(`drop database if exists "${database}" with (force)`);
        await admin.query(`drop role if exists ${role}`);
      });
    }
  });

  async function twoTenantsWithDueWorkIn(t: TestApp, database: string): Promise<SignedIn[]> {
    const tenants = [await t.signUp('owner-a'), await t.signUp('owner-b')];
    for (const who of tenants) {
      const as = { token: who.token, organizationId: who.organizationId };
      await t.gql(
        graphql(`
          mutation Tenancy7 {
            updatePolicyDocumentDraft(input: { title: "Charte", body: "Texte" }) {
              id
            }
          }
        `),
        {},
        as,
      );
      await t.gql(
        graphql(`
          mutation Tenancy8 {
            publishPolicyDocument(input: { reminderAfterHours: 1 }) {
              id
            }
          }
        `),
        {},
        as,
      );
    }
    await withAdmin((admin) => admin.query(`update outbox set available_at = now() - interval '1 minute'`), database);
    return tenants;
  }
});
