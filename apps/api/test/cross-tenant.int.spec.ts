import { graphql } from './gql';
import { withAdmin } from './support/databases';
import { INVITE, addAccount, createClient, join } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

/** Organization B's owner, using organization A's ids, gets nothing of A's and changes nothing of A's. */
describe('cross-tenant: another organization’s ids', () => {
  let t: TestApp;
  let a: SignedIn;
  let b: SignedIn;
  const ids: Record<string, string> = {};
  let bAccount: string;

  beforeAll(async () => {
    t = await TestApp.start();
    a = await t.signUp('tenant-a');
    b = await t.signUp('tenant-b');
    ids.client = await createClient(t, a, 'A client', ['A secret']);
    ids.account = await addAccount(t, a, { handle: 'tenant_a', clientId: ids.client });
    ids.member = (await join(t, a, 'EDITOR')).userId;
    const invited = await t.gql(INVITE, { input: { email: 'pending-a@example.test', role: 'MEMBER' } }, { token: a.token, organizationId: a.organizationId });
    ids.invitation = invited.data!.inviteMember.id;
    await createClient(t, b, 'B client');
    bAccount = await addAccount(t, b, { handle: 'tenant_b' });
    const post = await t.gql<{ createPost: { id: string; contentHash: string } }>(
      `mutation($id: ID!) { createPost(input: { text: "A's post", targets: [{ accountId: $id }] }) { id contentHash } }`,
      { id: ids.account },
      { token: a.token, organizationId: a.organizationId },
    );
    ids.post = post.data!.createPost.id;
    ids.hash = post.data!.createPost.contentHash;
  });
  afterAll(() => t.close());

  const asB = () => ({ token: b.token, organizationId: b.organizationId });

  it.each([
    ['client', `query($id: ID!) { client(id: $id) { id } }`, () => ({ id: ids.client })],
    ['socialAccount', `query($id: ID!) { socialAccount(id: $id) { id } }`, () => ({ id: ids.account })],
    ['updateClient', `mutation($id: ID!) { updateClient(input: { id: $id, name: "Stolen", confidentialTerms: [] }) { id } }`, () => ({ id: ids.client })],
    ['archiveClient', `mutation($id: ID!) { archiveClient(id: $id) { id } }`, () => ({ id: ids.client })],
    [
      'assignAccountOwner',
      `mutation($a: ID!, $m: ID!) { assignAccountOwner(input: { accountId: $a, memberId: $m }) { id } }`,
      () => ({ a: ids.account, m: b.userId }),
    ],
    ['deactivateSocialAccount', `mutation($id: ID!) { deactivateSocialAccount(id: $id) { id } }`, () => ({ id: ids.account })],
    ['updateMemberRole', `mutation($id: ID!) { updateMemberRole(input: { memberId: $id, role: ADMIN }) { id } }`, () => ({ id: ids.member })],
    ['removeMember', `mutation($id: ID!) { removeMember(memberId: $id) { accountsNeedingOwner } }`, () => ({ id: ids.member })],
    ['revokeInvitation', `mutation($id: ID!) { revokeInvitation(id: $id) { id } }`, () => ({ id: ids.invitation })],
    ['resendInvitation', `mutation($id: ID!) { resendInvitation(id: $id) { id } }`, () => ({ id: ids.invitation })],
    ['post', `query($id: ID!) { post(id: $id) { id } }`, () => ({ id: ids.post })],
    [
      'updatePost',
      `mutation($id: ID!, $a: ID!) { updatePost(input: { postId: $id, basedOnRevision: 1, text: "Stolen", targets: [{ accountId: $a }] }) { id } }`,
      () => ({ id: ids.post, a: bAccount }),
    ],
    ['submitPost', `mutation($id: ID!) { submitPost(input: { postId: $id }) { submitted } }`, () => ({ id: ids.post })],
    ['cancelPost', `mutation($id: ID!) { cancelPost(input: { postId: $id }) { id } }`, () => ({ id: ids.post })],
    ['approvePost', `mutation($id: ID!, $h: String!) { approvePost(input: { postId: $id, contentHash: $h }) { id } }`, () => ({ id: ids.post, h: ids.hash })],
    ['addPostComment', `mutation($id: ID!) { addPostComment(input: { postId: $id, body: "Hi", visibility: INTERNAL }) { id } }`, () => ({ id: ids.post })],
    ['approvalChain', `query($id: ID!) { approvalChain(accountId: $id) { scope } }`, () => ({ id: ids.account })],
    [
      'setApprovalChain',
      `mutation($id: ID!) { setApprovalChain(input: { scope: ACCOUNT, scopeId: $id, steps: [], reminderHours: 24 }) { scope } }`,
      () => ({ id: ids.account }),
    ],
    ['clientApproverEmails', `query($id: ID!) { clientApproverEmails(clientId: $id) }`, () => ({ id: ids.client })],
    ['setClientApproverEmails', `mutation($id: ID!) { setClientApproverEmails(input: { clientId: $id, emails: ["x@y.test"] }) }`, () => ({ id: ids.client })],
  ])('%s with A’s id is NOT_FOUND for B', async (_name, document, variables) => {
    const res = await t.gql(document, variables(), asB());
    expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(res.data).toBeNull();
  });

  it('a post for A’s account is refused to B, and B’s lists hold none of A’s posts', async () => {
    const res = await t.gql(`mutation($id: ID!) { createPost(input: { text: "Hi", targets: [{ accountId: $id }] }) { id } }`, { id: ids.account }, asB());
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targets.0.accountId' });
    const list = await t.gql<{ posts: { edges: Array<{ node: { id: string } }> } }>(`{ posts(first: 50) { edges { node { id } } } }`, {}, asB());
    expect(list.data!.posts.edges.map((e) => e.node.id)).not.toContain(ids.post);
  });

  it('assigning A’s member as owner of B’s account is refused: they are not B’s member', async () => {
    const bAccount = await addAccount(t, b, { handle: 'tenant_b2' });
    const res = await t.gql(
      `mutation($a: ID!, $m: ID!) { assignAccountOwner(input: { accountId: $a, memberId: $m }) { id } }`,
      { a: bAccount, m: ids.member },
      asB(),
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
  });

  it('inviting with A’s client ids is refused', async () => {
    const res = await t.gql(INVITE, { input: { email: 'x@example.test', role: 'CLIENT_VIEWER', clientIds: [ids.client] } }, asB());
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientIds' });
    const account = await t.gql(
      `mutation($c: ID!) { addSocialAccount(input: { network: X, handle: "b_for_a", displayName: "x", kind: BRAND, clientId: $c }) { id } }`,
      { c: ids.client },
      asB(),
    );
    expect(account.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientId' });
  });

  it('lists only B’s own rows', async () => {
    const res = await t.gql(
      `{ clients { edges { node { id } } } socialAccounts { edges { node { id } } } accountsNeedingOwner { id } members { id } invitations { id } sentMail { edges { node { id } } } }`,
      {},
      asB(),
    );
    const text = JSON.stringify(res.data);
    for (const id of Object.values(ids)) expect(text).not.toContain(id);
    expect(res.data?.socialAccounts.edges).toHaveLength(2);
  });

  it('left A’s rows untouched', async () => {
    const [client] = await withAdmin(
      (admin) => admin.query(`select name, archived_at from client where id = $1`, [ids.client]).then((r) => r.rows),
      t.database,
    );
    expect(client).toEqual({ name: 'A client', archived_at: null });
    const [account] = await withAdmin(
      (admin) => admin.query(`select deactivated_at, owner_user_id from social_account where id = $1`, [ids.account]).then((r) => r.rows),
      t.database,
    );
    expect(account).toEqual({ deactivated_at: null, owner_user_id: null });
  });

  it('naming A in the header is FORBIDDEN for B', async () => {
    const res = await t.gql(
      graphql(`
        query CrossTenant1 {
          clients {
            edges {
              node {
                id
              }
            }
          }
        }
      `),
      {},
      { token: b.token, organizationId: a.organizationId },
    );
    expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
