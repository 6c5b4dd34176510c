import { graphql } from './gql';
import { Db } from '../src/database/db.service';
import type { TxStats } from '../src/database/tx';
import { listOperationAccess } from '../src/tenancy/operation-access';
import { addAccount, createClient, INVITE, join } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

/**
 * Database round trips per read operation: the access check rides in the round trip that opens the
 * transaction, the page is one statement, then the commit — three. Counted for every query the
 * API serves; the few that need more are listed with their count and why.
 */
const READS: Record<string, { query: string; variables?: (ids: Ids) => Record<string, unknown> }> = {
  me: { query: '{ me { id name memberships { role organization { id name } } } }' },
  socialAccounts: { query: '{ socialAccounts(first: 20) { edges { node { id handle client { name } owner { name email } } } pageInfo { hasNextPage } } }' },
  socialAccount: { query: 'query($id: ID!) { socialAccount(id: $id) { id handle } }', variables: (ids) => ({ id: ids.account }) },
  accountsNeedingOwner: { query: '{ accountsNeedingOwner { id } }' },
  clients: { query: '{ clients(first: 20) { edges { node { id name confidentialTerms team { name } accountCount } } } }' },
  client: { query: 'query($id: ID!) { client(id: $id) { id name } }', variables: (ids) => ({ id: ids.client }) },
  members: { query: '{ members { id name email role clients { name } ownedAccountCount } }' },
  invitations: { query: '{ invitations { id email role status } }' },
  membersConnection: { query: '{ membersConnection(first: 20, filter: { search: "a" }) { edges { node { id name } } pageInfo { endCursor } } }' },
  invitationsConnection: { query: '{ invitationsConnection(first: 20) { edges { node { id email } } } }' },
  policiesConnection: { query: '{ policiesConnection(first: 20) { edges { node { id name published { version } } } } }' },
  sentMail: { query: '{ sentMail(first: 20) { edges { node { id subject text } } } }' },
  auditEvents: { query: '{ auditEvents(first: 50) { edges { node { id action actor { name } } } } }' },
  policies: { query: '{ policies { id name published { version ruleCount } draft { version } attachments { scope targetName } } }' },
  policy: { query: 'query($id: ID!) { policy(id: $id) { id name versions { version } attachments { scope } } }', variables: (ids) => ({ id: ids.policy }) },
  policyTemplates: { query: '{ policyTemplates { id name } }' },
  effectivePolicy: {
    query: 'query($id: ID!) { effectivePolicy(accountId: $id) { rules { ruleId source { policyName } } } }',
    variables: (ids) => ({ id: ids.account }),
  },
  checkPost: { query: 'query($id: ID!) { checkPost(input: { accountId: $id, text: "Hello" }) { blocked } }', variables: (ids) => ({ id: ids.account }) },
  competitors: { query: '{ competitors }' },
  backtestPolicy: {
    query: 'query($id: ID!) { backtestPolicy(input: { policyId: $id }) { flaggedPosts rules { ruleId posts } items { postId findings { reason } } } }',
    variables: (ids) => ({ id: ids.policy }),
  },
  policyDocument: { query: '{ policyDocument { current { id title } draft { id } versions { version } } }' },
  policyDocumentStatus: { query: '{ policyDocumentStatus { mustAcknowledge current { version } lastAcknowledged { version } } }' },
  postingClearance: { query: '{ postingClearance { allowed reason } }' },
  policyAcknowledgements: {
    query: 'query($id: ID!) { policyAcknowledgements(versionId: $id) { name acknowledgedAt } }',
    variables: (ids) => ({ id: ids.version }),
  },
  verifyAuditChain: { query: '{ verifyAuditChain { ok } }' },
  invitation: { query: 'query($t: String!) { invitation(token: $t) { email role } }', variables: (ids) => ({ t: ids.token }) },
  myReviewCount: { query: '{ myReviewCount }' },
  webhooks: { query: '{ webhooks { id url events } }' },
  webhookDeliveries: { query: '{ webhookDeliveries(webhookId: "00000000-0000-4000-8000-000000000000") { id } }' },
  sandboxFeed: { query: '{ sandboxFeed(first: 20) { edges { node { id text handle } } } }' },
  calendar: { query: '{ calendar(filter: { from: "2030-01-01T00:00:00Z", to: "2030-01-31T00:00:00Z" }) { postId at accounts { handle publicationState } } }' },
  posts: { query: '{ posts(first: 20) { edges { node { id state text author { name } targets { account { displayHandle } } } } } }' },
  post: { query: 'query($id: ID!) { post(id: $id) { id state text clientName targets { effectiveText } } }', variables: (ids) => ({ id: ids.post }) },
  approvalChain: { query: 'query($id: ID!) { approvalChain(accountId: $id) { scope steps { name } } }', variables: (ids) => ({ id: ids.account }) },
  approvalChains: { query: '{ approvalChains { scope steps { name } } }' },
  clientApproverEmails: { query: 'query($id: ID!) { clientApproverEmails(clientId: $id) }', variables: (ids) => ({ id: ids.client }) },
  approvalLink: {
    query: 'query($t: String!) { approvalLink(token: $t) { clientName stepName targets { effectiveText } } }',
    variables: (ids) => ({ t: ids.link }),
  },
};

/** Reads that do more than one thing, with the round trips they take and why. */
const MORE_THAN_THREE: Record<string, { max: number; why: string }> = {
  checkPost: { max: 4, why: 'the account and its policies, then colleagues’ names and clients’ terms read as the system (one round trip)' },
  backtestPolicy: {
    max: 5,
    why: 'the policy’s versions, colleagues’ names and clients’ terms (as the system, one round trip), then the posts in one statement',
  },
  verifyAuditChain: { max: 5, why: 'the head, the chain in batches of 5,000 (one here), then rows past the head' },
  approvalChain: { max: 4, why: 'the account (NOT_FOUND otherwise), then the chains of its organization, client and itself' },
  approvalLink: { max: 8, why: 'public: the link’s organization set, the link, the post, the findings, the comments, the organization’s name' },
};

interface Ids {
  account: string;
  client: string;
  policy: string;
  version: string;
  token: string;
  post: string;
  link: string;
}

describe('round trips per read operation', () => {
  let t: TestApp;
  let owner: SignedIn;
  let ids: Ids;
  let last: TxStats | null = null;

  beforeAll(async () => {
    t = await TestApp.start({ outboxSweepMs: 3_600_000 });
    owner = await t.signUp('trips');
    const as = { token: owner.token, organizationId: owner.organizationId };
    const client = await createClient(t, owner, 'Acme', ['Falcon']);
    const editor = await join(t, owner, 'EDITOR');
    const account = await addAccount(t, owner, { handle: 'acme', clientId: client, ownerId: editor.userId });
    const policy = await t.gql(
      graphql(`
        mutation RoundTrips1 {
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
        mutation RoundTrips2($id: ID!) {
          publishPolicyVersion(input: { policyId: $id }) {
            version
          }
        }
      `),
      { id: policy.data!.createPolicy.id },
      as,
    );
    await t.gql(
      graphql(`
        mutation RoundTrips3($id: ID!) {
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
        mutation RoundTrips4 {
          updatePolicyDocumentDraft(input: { title: "Charte", body: "Texte" }) {
            id
          }
        }
      `),
      {},
      as,
    );
    const version = await t.gql(
      graphql(`
        mutation RoundTrips5 {
          publishPolicyDocument(input: {}) {
            id
          }
        }
      `),
      {},
      as,
    );
    await t.gql(INVITE, { input: { email: 'pending@example.test', role: 'MEMBER' } }, as);
    const kept = await t.gql(
      graphql(`
        query RoundTrips6 {
          sentMail(first: 5) {
            edges {
              node {
                to
                text
              }
            }
          }
        }
      `),
      {},
      as,
    );
    const text = kept.data!.sentMail.edges.find((e) => e.node.to === 'pending@example.test')!.node.text!;
    // A post waiting for the client's seatless approver: a post to read, and a link to open.
    await t.gql(`mutation($id: ID!) { setClientApproverEmails(input: { clientId: $id, emails: ["boss@acme.test"] }) }`, { id: client }, as);
    await t.gql(
      `mutation($id: ID!) { setApprovalChain(input: { scope: CLIENT, scopeId: $id, reminderHours: 24, steps: [{ name: "Client", approvers: { roles: [], memberIds: [], clientApprovers: true }, mode: ANY, minApprovals: 1 }] }) { scope } }`,
      { id: client },
      as,
    );
    const post = await t.gql<{ createPost: { id: string } }>(
      `mutation($id: ID!) { createPost(input: { text: "Hello", targets: [{ accountId: $id }] }) { id } }`,
      { id: account },
      as,
    );
    await t.gql(`mutation($id: ID!) { submitPost(input: { postId: $id }) { submitted } }`, { id: post.data!.createPost.id }, as);
    const mails = await t.gql<{ sentMail: { edges: Array<{ node: { to: string; text: string | null } }> } }>(
      `{ sentMail(first: 20) { edges { node { to text } } } }`,
      {},
      as,
    );
    const linkText = mails.data!.sentMail.edges.find((e) => e.node.to === 'boss@acme.test')!.node.text!;
    ids = {
      account,
      client,
      policy: policy.data!.createPolicy.id,
      version: version.data!.publishPolicyDocument.id,
      token: /#token=([\w.-]+)/.exec(text)![1],
      post: post.data!.createPost.id,
      link: /#token=([\w.-]+)/.exec(linkText)![1],
    };
    t.app.get(Db).onFinish((stats) => (last = { ...stats }));
  });
  afterAll(() => t.close());

  it('has a sample for every query the API serves', () => {
    const queries = listOperationAccess(t.app)
      .filter((o) => o.operation.startsWith('Query.'))
      .map((o) => o.operation.slice('Query.'.length));
    expect(queries.filter((name) => !READS[name])).toEqual([]);
  });

  it('answers each read in at most three round trips (or the few listed, in theirs)', async () => {
    const counts: Record<string, number> = {};
    for (const [name, read] of Object.entries(READS)) {
      // Twice: the first may prepare named statements on a fresh connection.
      for (let i = 0; i < 2; i++) {
        last = null;
        const res = await t.gql(read.query, read.variables?.(ids) ?? {}, { token: owner.token, organizationId: owner.organizationId });
        expect({ name, errors: res.errors }).toEqual({ name, errors: undefined });
      }
      counts[name] = (last as TxStats | null)?.roundTrips ?? 0;
    }
    const over = Object.entries(counts).filter(([name, n]) => n > (MORE_THAN_THREE[name]?.max ?? 3));
    expect(over).toEqual([]);
    expect(counts.socialAccounts).toBe(3);
    expect(counts.me).toBe(3);
  });

  it('makes an audited change in three: open with the access check, the change, then the audit append (seq taken and sealed in one statement) sent with COMMIT', async () => {
    last = null;
    const res = await t.gql(
      `mutation { updateOrganization(input: { name: "Trips renamed" }) { id } }`,
      {},
      { token: owner.token, organizationId: owner.organizationId },
    );
    expect(res.errors).toBeUndefined();
    expect((last as TxStats | null)?.roundTrips).toBe(3);
  });
});
