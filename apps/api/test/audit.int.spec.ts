import { graphql } from './gql';
import { canonicalDecode, chainHash } from '@clearpost/audit-chain';
import { withAdmin } from './support/databases';
import { TestApp, type SignedIn } from './support/test-app';

const RENAME = graphql(`
  mutation Audit1($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) {
      id
      name
    }
  }
`);
const VERIFY = graphql(`
  query Audit2 {
    verifyAuditChain {
      ok
      checkedCount
      firstBrokenSeq
      headSeq
      headHash
    }
  }
`);
const EVENTS = graphql(`
  query Audit3($first: Int, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          seq
          occurredAt
          action
          actor {
            id
            name
          }
          targetType
          targetId
          data
          prevHash
          hash
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

describe('audit trail under load and tampering (real PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  async function seqs(owner: SignedIn): Promise<number[]> {
    return withAdmin(async (admin) => {
      const { rows } = await admin.query(`select seq::int from audit_event where organization_id = $1 order by seq`, [owner.organizationId]);
      return rows.map((row) => row.seq);
    }, t.database);
  }

  it('50 concurrent audited mutations on one organization leave seq gap-free and the chain intact', async () => {
    const owner = await t.signUp('busy');
    const before = await seqs(owner);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => t.gql(RENAME, { input: { name: `Busy ${i}` } }, { token: owner.token, organizationId: owner.organizationId })),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const after = await seqs(owner);
    expect(after.length).toBe(before.length + 50);
    expect(after).toEqual(Array.from({ length: after.length }, (_, i) => i + 1));

    const verification = await t.gql(VERIFY, {}, { token: owner.token, organizationId: owner.organizationId });
    expect(verification.data!.verifyAuditChain).toMatchObject({
      ok: true,
      checkedCount: after.length,
      firstBrokenSeq: null,
      headSeq: after.length,
    });
    const renamed = await t.gql(
      EVENTS,
      { filter: { action: 'organization.renamed' }, first: 100 },
      {
        token: owner.token,
        organizationId: owner.organizationId,
      },
    );
    expect(renamed.data!.auditEvents.edges).toHaveLength(50);
  });

  it('seals in the database exactly as libs/audit-chain does, whatever the text holds', async () => {
    const owner = await t.signUp('seal');
    const as = { token: owner.token, organizationId: owner.organizationId };
    for (const name of ['Café ☕ 𝄞 "quoted" \\ back', 'Ünïcödé — ½ \u2028 line', '日本語の組織', `{"seq":0,"targetId":"x"}`]) {
      const renamed = await t.gql(RENAME, { input: { name } }, as);
      expect(renamed.errors).toBeUndefined();
    }
    const events = await t.gql(EVENTS, { first: 10 }, as);
    const edges = events.data!.auditEvents.edges.map((e: { node: { seq: number; prevHash: string; hash: string } }) => e.node);
    const stored = await withAdmin(async (admin) => {
      const { rows } = await admin.query(`select seq::int, canonical, prev_hash, hash from audit_event where organization_id = $1 order by seq`, [
        owner.organizationId,
      ]);
      return rows;
    }, t.database);
    for (const row of stored) {
      expect(chainHash(row.prev_hash, row.canonical)).toBe(row.hash);
      expect(canonicalDecode(row.canonical).seq).toBe(row.seq);
    }
    expect(edges[0].prevHash).toBe(edges[1].hash);
    const verification = await t.gql(VERIFY, {}, as);
    expect(verification.data!.verifyAuditChain).toMatchObject({ ok: true, checkedCount: stored.length, headSeq: stored.length });
  });

  it('reports a row changed behind the app’s back (superuser, triggers disabled) at its exact seq', async () => {
    const owner = await t.signUp('tampered');
    for (let i = 0; i < 5; i++) {
      await t.gql(RENAME, { input: { name: `Name ${i}` } }, { token: owner.token, organizationId: owner.organizationId });
    }
    const total = (await seqs(owner)).length;
    const target = 4;
    await withAdmin(async (admin) => {
      await admin.query('begin');
      await admin.query(`set local session_replication_role = replica`); // disables the append-only triggers
      await admin.query(`update audit_event set data = '{"from":"x","to":"Nothing to see"}' where organization_id = $1 and seq = $2`, [
        owner.organizationId,
        target,
      ]);
      await admin.query('commit');
    }, t.database);
    const res = await t.gql(VERIFY, {}, { token: owner.token, organizationId: owner.organizationId });
    expect(res.data!.verifyAuditChain).toMatchObject({ ok: false, firstBrokenSeq: target, checkedCount: target - 1, headSeq: total });
  });

  it('reports a deleted event at the missing seq', async () => {
    const owner = await t.signUp('deleted');
    for (let i = 0; i < 3; i++) {
      await t.gql(RENAME, { input: { name: `Name ${i}` } }, { token: owner.token, organizationId: owner.organizationId });
    }
    await withAdmin(async (admin) => {
      await admin.query('begin');
      await admin.query(`set local session_replication_role = replica`);
      await admin.query(`delete from audit_event where organization_id = $1 and seq = 2`, [owner.organizationId]);
      await admin.query('commit');
    }, t.database);
    const res = await t.gql(VERIFY, {}, { token: owner.token, organizationId: owner.organizationId });
    expect(res.data!.verifyAuditChain).toMatchObject({ ok: false, firstBrokenSeq: 2, checkedCount: 1 });
  });

  it('reports an event appended behind the writer’s back, beyond the recorded head', async () => {
    const owner = await t.signUp('appended');
    await t.gql(RENAME, { input: { name: 'Before' } }, { token: owner.token, organizationId: owner.organizationId });
    const total = (await seqs(owner)).length;
    await withAdmin(async (admin) => {
      // A well-formed copy of the last event at the next seq: only the head knows it was never written.
      await admin.query(
        `insert into audit_event (organization_id, seq, id, occurred_at, action, actor_user_id, target_type, target_id, data, canonical, prev_hash, hash)
         select organization_id, seq + 1, gen_random_uuid(), occurred_at, action, actor_user_id, target_type, target_id, data, canonical, hash, hash
           from audit_event where organization_id = $1 and seq = $2`,
        [owner.organizationId, total],
      );
    }, t.database);
    const res = await t.gql(VERIFY, {}, { token: owner.token, organizationId: owner.organizationId });
    expect(res.data!.verifyAuditChain).toMatchObject({ ok: false, firstBrokenSeq: total + 1, headSeq: total });
  });

  it('stays intact when verified while other requests keep appending', async () => {
    const owner = await t.signUp('verify-under-load');
    const as = { token: owner.token, organizationId: owner.organizationId };
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; writing; i++) await t.gql(RENAME, { input: { name: `Writer ${w}.${i}` } }, as);
    });
    const verdicts = [];
    for (let i = 0; i < 10; i++) verdicts.push((await t.gql(VERIFY, {}, as)).data!.verifyAuditChain);
    writing = false;
    await Promise.all(writers);
    expect(verdicts.filter((v) => !v.ok)).toEqual([]);
    expect(verdicts[verdicts.length - 1].headSeq).toBeGreaterThan(verdicts[0].headSeq); // writes really overlapped
  });

  it('pages newest first with keyset cursors and filters by action, actor, target and time', async () => {
    const owner = await t.signUp('pager');
    for (let i = 0; i < 7; i++) {
      await t.gql(RENAME, { input: { name: `Page ${i}` } }, { token: owner.token, organizationId: owner.organizationId });
    }
    const as = { token: owner.token, organizationId: owner.organizationId };
    const first = await t.gql(EVENTS, { first: 4 }, as);
    const page1 = first.data!.auditEvents;
    expect(page1.edges.map((e: any) => e.node.seq)).toEqual([10, 9, 8, 7]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await t.gql(EVENTS, { first: 4, after: page1.pageInfo.endCursor }, as)).data!.auditEvents;
    expect(page2.edges.map((e: any) => e.node.seq)).toEqual([6, 5, 4, 3]);
    const page3 = (await t.gql(EVENTS, { first: 4, after: page2.pageInfo.endCursor }, as)).data!.auditEvents;
    expect(page3.edges.map((e: any) => e.node.seq)).toEqual([2, 1]);
    expect(page3.pageInfo.hasNextPage).toBe(false);

    const newest = page1.edges[0].node;
    expect(newest).toMatchObject({
      action: 'organization.renamed',
      actor: { id: owner.userId, name: 'Test pager' },
      targetType: 'organization',
      targetId: owner.organizationId,
      data: { from: 'Page 5', to: 'Page 6' },
      prevHash: page1.edges[1].node.hash,
    });

    const created = (await t.gql(EVENTS, { filter: { action: 'organization.created' } }, as)).data!.auditEvents.edges;
    expect(created.map((e: any) => e.node.seq)).toEqual([1]);
    const auth = (await t.gql(EVENTS, { filter: { action: 'auth.*' } }, as)).data!.auditEvents.edges;
    expect(auth.map((e: any) => e.node.action)).toEqual(['auth.signed_in']);
    const byActor = (await t.gql(EVENTS, { filter: { actorUserId: owner.userId }, first: 100 }, as)).data!.auditEvents.edges;
    expect(byActor).toHaveLength(10);
    const byTarget = (await t.gql(EVENTS, { filter: { targetType: 'user', targetId: owner.userId } }, as)).data!.auditEvents.edges;
    expect(byTarget.map((e: any) => e.node.action)).toEqual(['member.added']);
    const future = (await t.gql(EVENTS, { filter: { from: new Date(Date.now() + 60_000).toISOString() } }, as)).data!.auditEvents;
    expect(future.edges).toEqual([]);
    const past = (await t.gql(EVENTS, { filter: { to: new Date(Date.now() + 60_000).toISOString() }, first: 100 }, as)).data!.auditEvents;
    expect(past.edges).toHaveLength(10);
  });

  it('rejects a forged cursor and an out-of-range page size with the field at fault', async () => {
    const owner = await t.signUp('cursor');
    const as = { token: owner.token, organizationId: owner.organizationId };
    const forged = await t.gql(EVENTS, { after: 'bm90LWEtY3Vyc29y' }, as);
    expect(forged.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const huge = await t.gql(EVENTS, { first: 10_000 }, as);
    expect(huge.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badFilter = await t.gql(EVENTS, { filter: { actorUserId: 'nobody' } }, as);
    expect(badFilter.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'actorUserId' });
  });
});
