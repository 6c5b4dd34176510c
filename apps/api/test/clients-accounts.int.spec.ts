import { graphql } from './gql';
import { withAdmin } from './support/databases';
import { ADD_ACCOUNT, addAccount, auditActions, createClient, join } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

const CLIENTS = graphql(`
  query ClientsAccounts1($filter: ClientFilter) {
    clients(filter: $filter) {
      edges {
        node {
          id
          name
          confidentialTerms
          canReadConfidentialTerms
          accountCount
          archivedAt
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);
const ACCOUNTS = graphql(`
  query ClientsAccounts2($filter: SocialAccountFilter, $first: Int, $after: String) {
    socialAccounts(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          handle
          displayName
          kind
          client {
            id
            name
          }
          owner {
            id
          }
          needsOwner
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const ASSIGN = graphql(`
  mutation ClientsAccounts3($input: AssignAccountOwnerInput!) {
    assignAccountOwner(input: $input) {
      id
      owner {
        id
        name
      }
      needsOwner
      ownershipHistory {
        owner {
          id
        }
        assignedByName
        endedAt
        endedReason
      }
    }
  }
`);

describe('clients and social accounts', () => {
  let t: TestApp;
  let owner: SignedIn;
  let acme: string;
  let globex: string;
  const as = (who: SignedIn) => ({ token: who.token, organizationId: who.organizationId });

  beforeAll(async () => {
    t = await TestApp.start();
    owner = await t.signUp('agency');
    acme = await createClient(t, owner, 'Acme', ['Project Falcon', '  project falcon ', 'Roadrunner Inc']);
    globex = await createClient(t, owner, 'Globex', ['Hank Scorpio']);
  });
  afterAll(() => t.close());

  it('creates clients with trimmed, de-duplicated confidential terms, audited', async () => {
    const res = await t.gql(CLIENTS, {}, as(owner));
    expect(res.data?.clients.edges.map((e: any) => [e.node.name, e.node.confidentialTerms])).toEqual([
      ['Acme', ['Project Falcon', 'Roadrunner Inc']],
      ['Globex', ['Hank Scorpio']],
    ]);
    const duplicate = await t.gql(
      graphql(`
        mutation ClientsAccounts4 {
          createClient(input: { name: "acme" }) {
            id
          }
        }
      `),
      {},
      as(owner),
    );
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'name' });
    const created = (await auditActions(t, owner.organizationId)).filter((e) => e.action === 'client.created');
    expect(created.map((e) => e.data)).toEqual([
      { name: 'Acme', confidentialTermCount: 2 },
      { name: 'Globex', confidentialTermCount: 1 },
    ]);
  });

  it('updates terms, recording what was added and removed', async () => {
    const res = await t.gql(
      `mutation($input: UpdateClientInput!) { updateClient(input: $input) { name confidentialTerms } }`,
      { input: { id: globex, name: 'Globex Corp', confidentialTerms: ['Hank Scorpio', 'Project Arctic'] } },
      as(owner),
    );
    expect(res.data?.updateClient).toEqual({ name: 'Globex Corp', confidentialTerms: ['Hank Scorpio', 'Project Arctic'] });
    const events = (await auditActions(t, owner.organizationId)).filter((e) => e.target_id === globex).map((e) => [e.action, e.data]);
    expect(events).toEqual(
      expect.arrayContaining([
        ['client.renamed', { from: 'Globex', to: 'Globex Corp' }],
        ['client.confidential_terms_changed', { added: ['Project Arctic'], removed: [], count: 2 }],
      ]),
    );
  });

  it('shows confidential terms only to owners, admins, compliance and the client’s own team — enforced by RLS', async () => {
    const compliance = await join(t, owner, 'COMPLIANCE');
    const outsider = await join(t, owner, 'EDITOR', [], 'outsider');
    const teamEditor = await join(t, owner, 'EDITOR', [acme], 'team');
    const read = async (who: SignedIn) => {
      const res = await t.gql(CLIENTS, {}, as(who));
      return Object.fromEntries(res.data!.clients.edges.map((e: any) => [e.node.name, e.node.confidentialTerms]));
    };
    expect(await read(compliance)).toEqual({ Acme: ['Project Falcon', 'Roadrunner Inc'], 'Globex Corp': ['Hank Scorpio', 'Project Arctic'] });
    expect(await read(outsider)).toEqual({ Acme: null, 'Globex Corp': null });
    expect(await read(teamEditor)).toEqual({ Acme: ['Project Falcon', 'Roadrunner Inc'], 'Globex Corp': null });

    // The database itself refuses: as the outsider, a direct query returns no terms at all.
    const rows = await withAdmin(async (admin) => {
      await admin.query('begin');
      await admin.query(`set local role clearpost_app`);
      await admin.query(`select set_config('app.organization_id', $1, true), set_config('app.user_id', $2, true)`, [owner.organizationId, outsider.userId]);
      const { rows } = await admin.query(`select terms from client_confidential_terms`);
      await admin.query('rollback');
      return rows;
    }, t.database);
    expect(rows).toEqual([]);
  });

  it('normalizes handles per network and keeps them unique per organization', async () => {
    const first = await t.gql(
      ADD_ACCOUNT,
      { input: { network: 'X', handle: 'https://twitter.com/Acme_HQ', displayName: 'Acme HQ', kind: 'BRAND', clientId: acme } },
      as(owner),
    );
    expect(first.data?.addSocialAccount).toMatchObject({
      handle: 'acme_hq',
      displayHandle: '@acme_hq',
      needsOwner: true,
      needsOwnerReason: 'NO_OWNER',
      client: { id: acme },
    });
    const again = await t.gql(ADD_ACCOUNT, { input: { network: 'X', handle: '@ACME_HQ', displayName: 'Dup', kind: 'BRAND' } }, as(owner));
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'handle' });
    const otherNetwork = await t.gql(
      ADD_ACCOUNT,
      { input: { network: 'INSTAGRAM', handle: '@acme_hq', displayName: 'Acme IG', kind: 'BRAND', clientId: acme } },
      as(owner),
    );
    expect(otherNetwork.errors).toBeUndefined();
    const invalid = await t.gql(ADD_ACCOUNT, { input: { network: 'MASTODON', handle: 'acme', displayName: 'X', kind: 'BRAND' } }, as(owner));
    expect(invalid.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'handle' });
    expect(invalid.errors?.[0].message).toMatch(/@acme@mastodon.social/);
    // Another organization may register the same handle: uniqueness is per organization.
    const elsewhere = await t.signUp('elsewhere');
    expect(
      (await t.gql(ADD_ACCOUNT, { input: { network: 'X', handle: 'acme_hq', displayName: 'Acme', kind: 'BRAND' } }, as(elsewhere))).errors,
    ).toBeUndefined();
  });

  it('lets staff register their own handle but not brand accounts or someone else’s', async () => {
    const member = await join(t, owner, 'MEMBER');
    const own = await t.gql(ADD_ACCOUNT, { input: { network: 'LINKEDIN', handle: 'jane-doe', displayName: 'Jane', kind: 'STAFF' } }, as(member));
    expect(own.data?.addSocialAccount).toMatchObject({ handle: 'in/jane-doe', kind: 'STAFF', owner: { id: member.userId }, needsOwner: false });
    const brand = await t.gql(ADD_ACCOUNT, { input: { network: 'X', handle: 'sneaky', displayName: 'S', kind: 'BRAND' } }, as(member));
    expect(brand.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const forOther = await t.gql(
      ADD_ACCOUNT,
      { input: { network: 'X', handle: 'other_one', displayName: 'O', kind: 'STAFF', ownerId: owner.userId } },
      as(member),
    );
    expect(forOther.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const staffForClient = await t.gql(ADD_ACCOUNT, { input: { network: 'X', handle: 'x_staff', displayName: 'O', kind: 'STAFF', clientId: acme } }, as(owner));
    expect(staffForClient.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientId' });
    const deactivated = await t.gql(
      graphql(`
        mutation ClientsAccounts5($id: ID!) {
          deactivateSocialAccount(id: $id) {
            active
          }
        }
      `),
      { id: own.data!.addSocialAccount.id },
      as(member),
    );
    expect(deactivated.data?.deactivateSocialAccount.active).toBe(false);
  });

  it('assigns owners (admins only, staff only) and keeps the full ownership history', async () => {
    const account = await addAccount(t, owner, { network: 'BLUESKY', handle: 'acme', clientId: acme, displayName: 'Acme Bluesky' });
    const editor = await join(t, owner, 'EDITOR');
    const approver = await join(t, owner, 'APPROVER');
    const viewer = await join(t, owner, 'CLIENT_VIEWER', [acme]);

    const byEditor = await t.gql(ASSIGN, { input: { accountId: account, memberId: editor.userId } }, as(editor));
    expect(byEditor.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const toClientUser = await t.gql(ASSIGN, { input: { accountId: account, memberId: viewer.userId } }, as(owner));
    expect(toClientUser.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
    const toStranger = await t.gql(ASSIGN, { input: { accountId: account, memberId: (await t.signUp('stranger')).userId } }, as(owner));
    expect(toStranger.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });

    await t.gql(ASSIGN, { input: { accountId: account, memberId: editor.userId } }, as(owner));
    const second = await t.gql(ASSIGN, { input: { accountId: account, memberId: approver.userId } }, as(owner));
    expect(second.data?.assignAccountOwner.owner!.id).toBe(approver.userId);
    expect(second.data?.assignAccountOwner.ownershipHistory).toEqual([
      { owner: { id: approver.userId }, assignedByName: 'Test agency', endedAt: null, endedReason: null },
      { owner: { id: editor.userId }, assignedByName: 'Test agency', endedAt: expect.any(String), endedReason: 'reassigned' },
    ]);
    const assigned = (await auditActions(t, owner.organizationId)).filter((e) => e.action === 'account.owner_assigned' && e.target_id === account);
    expect(assigned.map((e) => [e.data.from, e.data.to])).toEqual([
      [null, editor.userId],
      [editor.userId, approver.userId],
    ]);
  });

  it('filters and pages accounts, grouped by client', async () => {
    await addAccount(t, owner, { network: 'TIKTOK', handle: 'ourbrand', displayName: 'Our brand' });
    const all: any[] = [];
    let after: string | null = null;
    do {
      const res: any = await t.gql(ACCOUNTS, { first: 2, after }, as(owner));
      all.push(...res.data.socialAccounts.edges.map((e: any) => e.node));
      after = res.data.socialAccounts.pageInfo.hasNextPage ? res.data.socialAccounts.pageInfo.endCursor : null;
    } while (after);
    const clients = all.map((a) => a.client?.name ?? '');
    expect(clients).toEqual([...clients].sort());
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);

    const acmeOnly = await t.gql(ACCOUNTS, { filter: { clientId: acme } }, as(owner));
    expect(acmeOnly.data?.socialAccounts.edges.every((e: any) => e.node.client?.id === acme)).toBe(true);
    const needing = await t.gql(ACCOUNTS, { filter: { needsOwner: true } }, as(owner));
    expect(needing.data?.socialAccounts.edges.length).toBeGreaterThan(0);
    expect(needing.data?.socialAccounts.edges.every((e: any) => e.node.needsOwner)).toBe(true);
    const staff = await t.gql(ACCOUNTS, { filter: { kind: 'STAFF', includeDeactivated: true } }, as(owner));
    expect(staff.data?.socialAccounts.edges.map((e: any) => e.node.kind)).toEqual(['STAFF']);

    // Search (for pickers): part of the handle or of the display name, any case; % and _ are plain characters.
    const byHandle = await t.gql(ACCOUNTS, { filter: { search: 'RBRA' } }, as(owner));
    expect(byHandle.data?.socialAccounts.edges.map((e: any) => e.node.handle)).toEqual(['ourbrand']);
    const byName = await t.gql(ACCOUNTS, { filter: { search: 'our b' } }, as(owner));
    expect(byName.data?.socialAccounts.edges.map((e: any) => e.node.handle)).toEqual(['ourbrand']);
    for (const wildcard of ['%', '_', '\\']) {
      const literal = await t.gql(ACCOUNTS, { filter: { search: wildcard } }, as(owner));
      expect(literal.data?.socialAccounts.edges.filter((e: any) => !e.node.handle.includes(wildcard))).toEqual([]);
    }
  });

  it('a client user sees only their client’s clients and accounts, whatever they ask for', async () => {
    await addAccount(t, owner, { network: 'FACEBOOK', handle: 'globex.corp', clientId: globex, displayName: 'Globex FB' });
    const viewer = await join(t, owner, 'CLIENT_APPROVER', [acme], 'acme-approver');
    const clients = await t.gql(CLIENTS, { filter: { includeArchived: true } }, as(viewer));
    expect(clients.data?.clients.edges.map((e: any) => e.node.name)).toEqual(['Acme']);
    expect(clients.data?.clients.edges[0].node.confidentialTerms).toBeNull();

    const accounts = await t.gql(ACCOUNTS, { filter: { includeDeactivated: true } }, as(viewer));
    const seen = accounts.data!.socialAccounts.edges.map((e: any) => e.node.client?.id);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((id: string) => id === acme)).toBe(true);
    const askedForGlobex = await t.gql(ACCOUNTS, { filter: { clientId: globex } }, as(viewer));
    expect(askedForGlobex.data?.socialAccounts.edges).toEqual([]);
    const globexClient = await t.gql(
      graphql(`
        query ClientsAccounts6($id: ID!) {
          client(id: $id) {
            name
          }
        }
      `),
      { id: globex },
      as(viewer),
    );
    expect(globexClient.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('archives a client: it takes no new accounts or members', async () => {
    const old = await createClient(t, owner, 'Old client');
    const archived = await t.gql(
      graphql(`
        mutation ClientsAccounts7($id: ID!) {
          archiveClient(id: $id) {
            archivedAt
          }
        }
      `),
      { id: old },
      as(owner),
    );
    expect(archived.data?.archiveClient.archivedAt).toBeTruthy();
    const add = await t.gql(ADD_ACCOUNT, { input: { network: 'X', handle: 'old_client', displayName: 'O', kind: 'BRAND', clientId: old } }, as(owner));
    expect(add.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientId' });
    const listed = await t.gql(CLIENTS, {}, as(owner));
    expect(listed.data?.clients.edges.map((e: any) => e.node.name)).not.toContain('Old client');
  });
});
