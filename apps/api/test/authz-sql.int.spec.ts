import { CLIENT_ROLES, CONFIDENTIAL_TERMS_READERS, ROLES } from '@clearpost/authz';
import { withAdmin } from './support/databases';
import { TestApp } from './support/test-app';

/**
 * The role lists PostgreSQL enforces (row-level security scope functions, check constraints) and
 * the ones libs/authz declares are the same lists: change one without the other and this fails.
 */
describe('role lists in SQL match libs/authz', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  const sql = <T>(text: string, params: unknown[] = []) => withAdmin((admin) => admin.query(text, params).then((r) => r.rows as T[]), t.database);

  /** The quoted upper-case words of each `in (…)` / `not in (…)` list in `text`, in order. */
  function roleLists(text: string): Array<{ negated: boolean; roles: string[] }> {
    return [...text.matchAll(/(not\s+)?in\s*\(([^()]*)\)/gi)]
      .map((m) => ({ negated: !!m[1], roles: [...m[2].matchAll(/'([A-Z_]+)'/g)].map((r) => r[1]).sort() }))
      .filter((list) => list.roles.length > 0);
  }

  const definition = async (name: string) => (await sql<{ def: string }>(`select pg_get_functiondef($1::regprocedure) as def`, [`${name}()`]))[0].def;

  it('app_client_scope() limits exactly the client roles', async () => {
    expect(roleLists(await definition('app_client_scope'))).toEqual([{ negated: false, roles: [...CLIENT_ROLES].sort() }]);
  });

  it('app_confidential_scope() opens every client to the confidential-terms readers and none to client roles', async () => {
    const lists = roleLists(await definition('app_confidential_scope'));
    expect(lists).toEqual([
      { negated: false, roles: [...CONFIDENTIAL_TERMS_READERS].sort() },
      { negated: true, roles: [...CLIENT_ROLES].sort() },
    ]);
  });

  it('memberships and invitations accept exactly the roles of the matrix', async () => {
    const checks = await sql<{ table: string; def: string }>(
      `select conrelid::regclass::text as table, pg_get_constraintdef(oid) as def from pg_constraint
        where contype = 'c' and conrelid::regclass::text in ('membership', 'invitation') and pg_get_constraintdef(oid) like '%role%'`,
    );
    expect(checks.map((c) => c.table).sort()).toEqual(['invitation', 'membership']);
    for (const check of checks) {
      const roles = [...check.def.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]).sort();
      expect({ table: check.table, roles }).toEqual({ table: check.table, roles: [...ROLES].sort() });
    }
  });
});
