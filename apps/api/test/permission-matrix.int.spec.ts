import { randomUUID } from 'node:crypto';
import { can, isClientRole, ROLES, type Permission, type Role } from '@clearpost/authz';
import { listOperationAccess } from '../src/tenancy/operation-access';
import { addAccount, createClient, join } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

/**
 * Every tenant-scoped operation × every role, generated from the matrix in libs/authz: allowed
 * where the matrix says (the call then succeeds, or finds nothing for a made-up id), FORBIDDEN
 * everywhere else. An operation added without a sample here fails the first test.
 */
interface Sample {
  document: string;
  variables: () => Record<string, unknown>;
  /** What an allowed role gets: data, NOT_FOUND because the sample names an id that does not exist, or CONFLICT when state decides. */
  allowed: 'data' | 'NOT_FOUND' | 'BAD_USER_INPUT' | Array<'data' | 'CONFLICT'>;
}

const unique = () => randomUUID().slice(0, 8);

const SAMPLES: Record<string, Sample> = {
  'Query.auditEvents': { document: `{ auditEvents(first: 1) { edges { node { id } } } }`, variables: () => ({}), allowed: 'data' },
  'Query.verifyAuditChain': { document: `{ verifyAuditChain { ok } }`, variables: () => ({}), allowed: 'data' },
  'Mutation.updateOrganization': {
    document: `mutation { updateOrganization(input: { name: "Matrix org" }) { id } }`,
    variables: () => ({}),
    allowed: 'data',
  },
  'Query.members': { document: `{ members { id email } }`, variables: () => ({}), allowed: 'data' },
  'Query.invitations': { document: `{ invitations { id email } }`, variables: () => ({}), allowed: 'data' },
  'Query.membersConnection': { document: `{ membersConnection(first: 5) { edges { node { id email } } } }`, variables: () => ({}), allowed: 'data' },
  'Query.invitationsConnection': { document: `{ invitationsConnection(first: 5) { edges { node { id } } } }`, variables: () => ({}), allowed: 'data' },
  'Query.policiesConnection': { document: `{ policiesConnection(first: 5) { edges { node { id } } } }`, variables: () => ({}), allowed: 'data' },
  'Mutation.inviteMember': {
    document: `mutation($email: String!) { inviteMember(input: { email: $email, role: MEMBER }) { id } }`,
    variables: () => ({ email: `m-${unique()}@example.test` }),
    allowed: 'data',
  },
  'Mutation.revokeInvitation': {
    document: `mutation($id: ID!) { revokeInvitation(id: $id) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.resendInvitation': {
    document: `mutation($id: ID!) { resendInvitation(id: $id) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.updateMemberRole': {
    document: `mutation($id: ID!) { updateMemberRole(input: { memberId: $id, role: MEMBER }) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.removeMember': {
    document: `mutation($id: ID!) { removeMember(memberId: $id) { accountsNeedingOwner } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Query.clients': { document: `{ clients { edges { node { id name confidentialTerms } } } }`, variables: () => ({}), allowed: 'data' },
  'Query.client': { document: `query($id: ID!) { client(id: $id) { id } }`, variables: () => ({ id: randomUUID() }), allowed: 'NOT_FOUND' },
  'Mutation.createClient': {
    document: `mutation($name: String!) { createClient(input: { name: $name }) { id } }`,
    variables: () => ({ name: `Client ${unique()}` }),
    allowed: 'data',
  },
  'Mutation.updateClient': {
    document: `mutation($id: ID!) { updateClient(input: { id: $id, name: "X" }) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.archiveClient': { document: `mutation($id: ID!) { archiveClient(id: $id) { id } }`, variables: () => ({ id: randomUUID() }), allowed: 'NOT_FOUND' },
  'Query.socialAccounts': { document: `{ socialAccounts { edges { node { id client { id } } } } }`, variables: () => ({}), allowed: 'data' },
  'Query.socialAccount': { document: `query($id: ID!) { socialAccount(id: $id) { id } }`, variables: () => ({ id: randomUUID() }), allowed: 'NOT_FOUND' },
  'Query.accountsNeedingOwner': { document: `{ accountsNeedingOwner { id client { id } } }`, variables: () => ({}), allowed: 'data' },
  'Mutation.addSocialAccount': {
    document: `mutation($handle: String!) { addSocialAccount(input: { network: X, handle: $handle, displayName: "Mine", kind: STAFF }) { id } }`,
    variables: () => ({ handle: `h${unique()}` }),
    allowed: 'data',
  },
  'Mutation.assignAccountOwner': {
    document: `mutation($id: ID!) { assignAccountOwner(input: { accountId: $id, memberId: $id }) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.deactivateSocialAccount': {
    document: `mutation($id: ID!) { deactivateSocialAccount(id: $id) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Query.sentMail': { document: `{ sentMail { delivery edges { node { id } } } }`, variables: () => ({}), allowed: 'data' },
  'Query.policies': { document: `{ policies { id } }`, variables: () => ({}), allowed: 'data' },
  'Query.policy': { document: `query($id: ID!) { policy(id: $id) { id } }`, variables: () => ({ id: randomUUID() }), allowed: 'NOT_FOUND' },
  'Query.policyTemplates': { document: `{ policyTemplates { id } }`, variables: () => ({}), allowed: 'data' },
  'Mutation.createPolicy': {
    document: `mutation($name: String!) { createPolicy(input: { name: $name }) { id } }`,
    variables: () => ({ name: `Policy ${unique()}` }),
    allowed: 'data',
  },
  'Mutation.updatePolicyDraft': {
    document: `mutation($id: ID!) { updatePolicyDraft(input: { policyId: $id, rules: [] }) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.publishPolicyVersion': {
    document: `mutation($id: ID!) { publishPolicyVersion(input: { policyId: $id }) { version } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.attachPolicy': {
    document: `mutation($id: ID!) { attachPolicy(input: { policyId: $id, scope: ORGANIZATION }) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.detachPolicy': {
    document: `mutation($id: ID!) { detachPolicy(input: { policyId: $id, scope: ORGANIZATION }) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Query.effectivePolicy': {
    document: `query($id: ID!) { effectivePolicy(accountId: $id) { accountId } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Query.checkPost': {
    document: `query($id: ID!) { checkPost(input: { accountId: $id, text: "Bonjour" }) { blocked } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Query.competitors': { document: `{ competitors }`, variables: () => ({}), allowed: 'data' },
  'Mutation.setCompetitors': {
    document: `mutation { setCompetitors(input: { names: ["Agence Néon"] }) }`,
    variables: () => ({}),
    allowed: 'data',
  },
  'Query.backtestPolicy': {
    document: `query($id: ID!) { backtestPolicy(input: { policyId: $id }) { flaggedPosts } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Query.policyDocument': { document: `{ policyDocument { current { id } } }`, variables: () => ({}), allowed: 'data' },
  'Query.policyDocumentStatus': { document: `{ policyDocumentStatus { mustAcknowledge } }`, variables: () => ({}), allowed: 'data' },
  'Query.postingClearance': { document: `{ postingClearance { allowed } }`, variables: () => ({}), allowed: 'data' },
  'Mutation.updatePolicyDocumentDraft': {
    document: `mutation { updatePolicyDocumentDraft(input: { title: "Charte", body: "Texte" }) { id } }`,
    variables: () => ({}),
    allowed: 'data',
  },
  'Mutation.publishPolicyDocument': {
    // Publishing needs a draft; the matrix only proves who gets past the door (CONFLICT: none left).
    document: `mutation { publishPolicyDocument(input: {}) { id } }`,
    variables: () => ({}),
    allowed: ['data', 'CONFLICT'],
  },
  'Mutation.acknowledgePolicyDocument': {
    document: `mutation($id: ID!) { acknowledgePolicyDocument(versionId: $id) { versionId } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Query.policyAcknowledgements': {
    document: `query($id: ID!) { policyAcknowledgements(versionId: $id) { name } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Query.myReviewCount': { document: `{ myReviewCount }`, variables: () => ({}), allowed: 'data' },
  'Query.posts': { document: `{ posts(first: 5) { edges { node { id clientName } } } }`, variables: () => ({}), allowed: 'data' },
  'Query.post': { document: `query($id: ID!) { post(id: $id) { id } }`, variables: () => ({ id: randomUUID() }), allowed: 'NOT_FOUND' },
  'Mutation.createPost': {
    // A made-up account: whoever gets past the door is told it does not exist.
    document: `mutation($id: ID!) { createPost(input: { text: "Hello", targets: [{ accountId: $id }] }) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'BAD_USER_INPUT',
  },
  'Mutation.updatePost': {
    document: `mutation($id: ID!) { updatePost(input: { postId: $id, basedOnRevision: 1, text: "Hi", targets: [{ accountId: $id }] }) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.submitPost': {
    document: `mutation($id: ID!) { submitPost(input: { postId: $id }) { submitted } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.cancelPost': {
    document: `mutation($id: ID!) { cancelPost(input: { postId: $id }) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.schedulePost': {
    document: `mutation($id: ID!) { schedulePost(input: { postId: $id, scheduledAt: "2030-01-01T10:00:00Z" }) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.publishPostNow': {
    document: `mutation($id: ID!) { publishPostNow(input: { postId: $id }) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.retryPublication': {
    document: `mutation($id: ID!) { retryPublication(input: { publicationId: $id }) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.connectMastodonAccount': {
    document: `mutation($id: ID!) { connectMastodonAccount(input: { accountId: $id, instanceUrl: "mastodon.example" }) { authorizeUrl } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.completeMastodonConnection': {
    // A state sealed for nobody: whoever gets past the door is told it is not theirs.
    document: `mutation { completeMastodonConnection(input: { code: "x", state: "v1.AAAA.AAAA.AAAA" }) { accountId } }`,
    variables: () => ({}),
    allowed: 'BAD_USER_INPUT',
  },
  'Mutation.connectBlueskyAccount': {
    document: `mutation($id: ID!) { connectBlueskyAccount(input: { accountId: $id, appPassword: "abcd-efgh-ijkl-mnop" }) { accountId } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.disconnectAccount': {
    document: `mutation($id: ID!) { disconnectAccount(input: { accountId: $id }) { accountId } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Query.webhooks': { document: `{ webhooks { id url } }`, variables: () => ({}), allowed: 'data' },
  'Query.webhookDeliveries': {
    document: `query($id: String!) { webhookDeliveries(webhookId: $id) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'data',
  },
  'Mutation.createWebhook': {
    // An address that is not one: whoever gets past the door is told so.
    document: `mutation { createWebhook(input: { url: "not an address", events: ["post.approved"] }) { secret } }`,
    variables: () => ({}),
    allowed: 'BAD_USER_INPUT',
  },
  'Mutation.deleteWebhook': {
    document: `mutation($id: ID!) { deleteWebhook(input: { webhookId: $id }) }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.redeliverWebhook': {
    document: `mutation($id: ID!) { redeliverWebhook(input: { deliveryId: $id }) }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Query.sandboxFeed': { document: `{ sandboxFeed(first: 5) { edges { node { id text } } } }`, variables: () => ({}), allowed: 'data' },
  'Query.calendar': {
    document: `{ calendar(filter: { from: "2030-01-01T00:00:00Z", to: "2030-01-08T00:00:00Z" }) { postId } }`,
    variables: () => ({}),
    allowed: 'data',
  },
  'Mutation.unschedulePost': {
    document: `mutation($id: ID!) { unschedulePost(input: { postId: $id }) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  ...Object.fromEntries(
    ['approvePost', 'rejectPost', 'requestChanges'].map((name) => [
      `Mutation.${name}`,
      {
        document: `mutation($id: ID!) { ${name}(input: { postId: $id, contentHash: "${'0'.repeat(64)}" }) { id } }`,
        variables: () => ({ id: randomUUID() }),
        allowed: 'NOT_FOUND' as const,
      },
    ]),
  ),
  'Mutation.addPostComment': {
    document: `mutation($id: ID!) { addPostComment(input: { postId: $id, body: "Hi", visibility: CLIENT }) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.revokeApprovalLink': {
    document: `mutation($id: ID!) { revokeApprovalLink(id: $id) { id } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Query.approvalChain': {
    document: `query($id: ID!) { approvalChain(accountId: $id) { scope } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Query.approvalChains': { document: `{ approvalChains { scope steps { name } } }`, variables: () => ({}), allowed: 'data' },
  'Mutation.setApprovalChain': {
    document: `mutation($id: ID!) { setApprovalChain(input: { scope: CLIENT, scopeId: $id, steps: [], reminderHours: 24 }) { scope } }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Query.clientApproverEmails': {
    document: `query($id: ID!) { clientApproverEmails(clientId: $id) }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
  'Mutation.setClientApproverEmails': {
    document: `mutation($id: ID!) { setClientApproverEmails(input: { clientId: $id, emails: [] }) }`,
    variables: () => ({ id: randomUUID() }),
    allowed: 'NOT_FOUND',
  },
};

describe('permission matrix: every operation × every role', () => {
  let t: TestApp;
  let owner: SignedIn;
  let acme: string;
  let globex: string;
  let globexAccount: string;
  const people = new Map<Role, SignedIn>();
  let operations: Array<{ operation: string; permission: Permission }>;

  beforeAll(async () => {
    t = await TestApp.start();
    owner = await t.signUp('matrix');
    acme = await createClient(t, owner, 'Acme', ['Falcon']);
    globex = await createClient(t, owner, 'Globex', ['Scorpio']);
    await addAccount(t, owner, { handle: 'acme_brand', clientId: acme });
    globexAccount = await addAccount(t, owner, { handle: 'globex_brand', clientId: globex });
    people.set('OWNER', owner);
    for (const role of ROLES.filter((r) => r !== 'OWNER')) people.set(role, await join(t, owner, role, isClientRole(role) ? [acme] : []));
    operations = listOperationAccess(t.app)
      .filter((o) => o.access !== 'public' && o.access !== 'authenticated')
      .map((o) => ({ operation: o.operation, permission: o.access as Permission }));
  });
  afterAll(() => t.close());

  it('has a sample for every tenant-scoped operation', () => {
    expect(operations.map((o) => o.operation).filter((name) => !SAMPLES[name])).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(20);
  });

  it.each(ROLES)('%s: allowed exactly where the matrix says, FORBIDDEN elsewhere', async (role) => {
    const who = people.get(role)!;
    const outcomes: string[] = [];
    for (const { operation, permission } of operations) {
      const sample = SAMPLES[operation];
      const res = await t.gql(sample.document, sample.variables(), { token: who.token, organizationId: who.organizationId });
      const got = res.errors ? res.errors[0].extensions.code : 'data';
      const expected = can(role, permission) ? ([] as string[]).concat(sample.allowed) : ['FORBIDDEN'];
      outcomes.push(`${operation}: ${expected.includes(got) ? 'ok' : `expected ${expected.join(' or ')}, got ${got} (${res.errors?.[0].message})`}`);
    }
    expect(outcomes.filter((o) => !o.endsWith(': ok'))).toEqual([]);
  });

  it.each(['CLIENT_APPROVER', 'CLIENT_VIEWER'] as const)('%s never sees another client’s data', async (role) => {
    const who = people.get(role)!;
    let readsSomething = false;
    for (const { operation, permission } of operations) {
      if (!can(role, permission) || !operation.startsWith('Query.')) continue;
      const sample = SAMPLES[operation];
      const res = await t.gql(sample.document, sample.variables(), { token: who.token, organizationId: who.organizationId });
      const text = JSON.stringify(res.data);
      expect(text).not.toContain(globex);
      expect(text).not.toContain(globexAccount);
      if (text.includes(acme)) readsSomething = true;
    }
    expect(readsSomething).toBe(true); // the check above is not vacuous: their own client shows up
    const direct = await t.gql(
      `query($id: ID!) { socialAccount(id: $id) { id } }`,
      { id: globexAccount },
      { token: who.token, organizationId: who.organizationId },
    );
    expect(direct.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});
