import { AccountsRepository } from '../src/accounts/accounts.repository';
import { AuditRepository } from '../src/audit/audit.repository';
import { AuditService } from '../src/audit/audit.service';
import { ClientsRepository } from '../src/clients/clients.repository';
import { Db } from '../src/database/db.service';
import type { DbScope, Tx } from '../src/database/tx';
import { MailRepository } from '../src/mail/mail.repository';
import { InvitationsRepository } from '../src/members/invitations.repository';
import { MembersRepository } from '../src/members/members.repository';
import { PoliciesRepository } from '../src/policies/policies.repository';
import { withAdmin } from './support/databases';
import { join } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

/**
 * Every list is read in its index's order: a page costs the rows it returns, not a sort of the
 * whole tenant. Each list's own statement (taken from its repository, as the API sends it) is
 * EXPLAIN ANALYZEd over a tenant of 10,000 rows per list; a Sort of more rows than a page fails.
 */
const ROWS = 10_000;
const PAGE = 20;

interface PlanNode {
  'Node Type': string;
  'Actual Rows'?: number;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** A Tx that runs each statement under EXPLAIN ANALYZE in `tx`, and keeps the plans. */
function explaining(tx: Tx, plans: PlanNode[]): Tx {
  const explain = async (sql: string, params: unknown[] = []) => {
    const [row] = await tx.many<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`explain (analyze, format json) ${sql}`, params);
    plans.push(row['QUERY PLAN'][0].Plan);
    return [] as never[];
  };
  return {
    scope: tx.scope,
    many: (sql, params) => explain(sql, params),
    one: async (sql, params) => ((await explain(sql, params))[0] ?? null) as never,
    query: async (sql, params) => ({ rows: await explain(sql, params), rowCount: 0 }),
    afterCommit: () => undefined,
    atCommit: () => undefined,
    rescope: (scope) => tx.rescope(scope),
    asSystem: (_why, fn) => fn(explaining(tx, plans)),
    systemMany: (_why, sql) => explain(sql),
  };
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** Sorts fed more than a page's worth of rows (a top-N sort returns a page but reads them all): a sort of the table. */
function bigSorts(plan: PlanNode): string[] {
  return nodes(plan)
    .filter((n) => /Sort/.test(n['Node Type']))
    .map((n) => ({ node: n, input: Math.max(n['Actual Rows'] ?? 0, ...(n.Plans ?? []).map((child) => child['Actual Rows'] ?? 0)) }))
    .filter(({ input }) => input > 51)
    .map(({ node, input }) => `${node['Node Type']} of ${input} rows`);
}

describe(`list statements over a tenant of ${ROWS.toLocaleString('en')} rows per list`, () => {
  let t: TestApp;
  let owner: SignedIn;
  let viewer: SignedIn;
  let firstClient: string;

  async function planOf(scope: DbScope, read: (tx: Tx) => Promise<unknown>): Promise<PlanNode> {
    const plans: PlanNode[] = [];
    const tx = t.app.get(Db).create(scope);
    try {
      await read(explaining(tx, plans));
    } finally {
      await tx.finish(false);
    }
    expect(plans).toHaveLength(1);
    return plans[0];
  }

  beforeAll(async () => {
    t = await TestApp.start({ outboxSweepMs: 3_600_000 });
    owner = await t.signUp('plans');
    const org = owner.organizationId;
    await withAdmin(async (admin) => {
      await admin.query(
        `insert into client (organization_id, id, name) select $1, gen_random_uuid(), 'Client ' || lpad(i::text, 5, '0') from generate_series(1, $2) i`,
        [org, ROWS],
      );
      await admin.query(
        `insert into social_account (organization_id, id, network, handle, display_name, kind, client_id)
         select $1, gen_random_uuid(), 'X', 'handle_' || i, 'Account ' || i, 'BRAND', c.id
           from generate_series(1, $2) i
           join (select id, row_number() over (order by id) - 1 as n from client where organization_id = $1 limit 50) c on c.n = i % 50`,
        [org, ROWS],
      );
      await admin.query(
        `insert into app_user (id, email, name, password_hash) select gen_random_uuid(), 'member' || i || '@plans.test', 'Member ' || i, 'x' from generate_series(1, $1) i`,
        [ROWS],
      );
      await admin.query(
        `insert into membership (organization_id, user_id, role, sort_name) select $1, id, 'MEMBER', lower(name) from app_user where email like '%@plans.test'`,
        [org],
      );
      await admin.query(
        `insert into invitation (organization_id, id, email, role, token_hash, invited_by, last_sent_by, expires_at)
         select $1, gen_random_uuid(), 'invitee' || i || '@plans.test', 'MEMBER', 'x', $2, $2, now() + interval '7 days' from generate_series(1, $3) i`,
        [org, owner.userId, ROWS],
      );
      await admin.query(
        `insert into outbound_mail (organization_id, id, kind, to_address, subject, status, transport, created_at)
         select $1, gen_random_uuid(), 'invitation', 'x' || i || '@plans.test', 'Subject', 'STORED', 'DATABASE', now() - make_interval(secs => i) from generate_series(1, $2) i`,
        [org, ROWS],
      );
      await admin.query(`insert into policy (organization_id, id, name) select $1, gen_random_uuid(), 'Policy ' || i from generate_series(1, $2) i`, [
        org,
        ROWS,
      ]);
      await admin.query('analyze');
      firstClient = (await admin.query(`select id from client where organization_id = $1 order by lower(name) limit 1`, [org])).rows[0].id;
    }, t.database);
    // Audit events: through the chain, in one transaction per 1,000 (the API's own append).
    const audit = t.app.get(AuditService);
    for (let batch = 0; batch < ROWS / 1000; batch++) {
      await t.app.get(Db).run({ organizationId: org, userId: owner.userId }, async (tx) => {
        for (let i = 0; i < 1000; i++) await audit.record(tx, org, { action: 'plans.seeded', actorUserId: owner.userId, data: { i } });
      });
    }
    viewer = await join(t, owner, 'CLIENT_VIEWER', [firstClient]);
    await withAdmin((admin) => admin.query('analyze'), t.database);
  }, 180_000);
  afterAll(() => t.close());

  const asOwner = () => ({ organizationId: owner.organizationId, userId: owner.userId });
  const baseAccounts = {
    includeDeactivated: false,
    clientId: null,
    withoutClient: false,
    network: null,
    kind: null,
    ownerId: null,
    needsOwner: null,
    search: null,
  } as const;

  it.each([
    [
      'social accounts, first page, as an owner',
      () => planOf(asOwner(), (tx) => t.app.get(AccountsRepository).page(tx, owner.organizationId, { ...baseAccounts, limit: PAGE + 1, after: null })),
    ],
    [
      'social accounts, a later page, as an owner',
      () =>
        planOf(asOwner(), (tx) =>
          t.app
            .get(AccountsRepository)
            .page(tx, owner.organizationId, { ...baseAccounts, limit: PAGE + 1, after: ['client 00001', 'account 5', '00000000-0000-0000-0000-000000000000'] }),
        ),
    ],
    [
      'social accounts, first page, as a client user (RLS client scope)',
      () =>
        planOf({ organizationId: owner.organizationId, userId: viewer.userId }, (tx) =>
          t.app.get(AccountsRepository).page(tx, owner.organizationId, { ...baseAccounts, limit: PAGE + 1, after: null }),
        ),
    ],
    [
      'social accounts of one client',
      () =>
        planOf(asOwner(), (tx) =>
          t.app.get(AccountsRepository).page(tx, owner.organizationId, { ...baseAccounts, clientId: firstClient, limit: PAGE + 1, after: null }),
        ),
    ],
    [
      'clients',
      () =>
        planOf(asOwner(), (tx) =>
          t.app.get(ClientsRepository).page(tx, owner.organizationId, { limit: PAGE + 1, after: null, includeArchived: false, search: null }),
        ),
    ],
    ['members', () => planOf(asOwner(), (tx) => t.app.get(MembersRepository).page(tx, owner.organizationId, { limit: PAGE + 1, after: null, search: null }))],
    ['invitations', () => planOf(asOwner(), (tx) => t.app.get(InvitationsRepository).page(tx, owner.organizationId, PAGE + 1, null))],
    ['sent mail', () => planOf(asOwner(), (tx) => t.app.get(MailRepository).page(tx, owner.organizationId, PAGE + 1, null))],
    ['audit events', () => planOf(asOwner(), (tx) => t.app.get(AuditRepository).page(tx, owner.organizationId, 51, null, {}))],
    ['audit events by action', () => planOf(asOwner(), (tx) => t.app.get(AuditRepository).page(tx, owner.organizationId, 51, null, { action: 'plans.*' }))],
    ['policies', () => planOf(asOwner(), (tx) => t.app.get(PoliciesRepository).page(tx, owner.organizationId, PAGE + 1, null))],
  ])('%s: no sort of the table', async (_label, plan) => {
    const root = await plan();
    expect(bigSorts(root)).toEqual([]);
    // Not vacuous: the page is read through an index of the list's table.
    expect(nodes(root).some((n) => /Index/.test(n['Node Type']))).toBe(true);
  });
});
