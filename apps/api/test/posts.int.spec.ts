import { graphql } from './gql';
import type { ApprovalStepInput } from './gql/graphql';
import { withAdmin } from './support/databases';
import { addAccount, auditActions, createClient, join, mailText } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

const CREATE = graphql(`
  mutation Posts1($input: CreatePostInput!) {
    createPost(input: $input) {
      id
      state
      revision
      contentHash
      clientId
      targets {
        account {
          id
        }
        text
        effectiveText
      }
    }
  }
`);
const UPDATE = graphql(`
  mutation Posts2($input: UpdatePostInput!) {
    updatePost(input: $input) {
      id
      state
      revision
      contentHash
    }
  }
`);
const SUBMIT = graphql(`
  mutation Posts3($id: ID!) {
    submitPost(input: { postId: $id }) {
      submitted
      findings {
        accountId
        blocked
        findings {
          ruleId
          action
          message
          spans {
            start
            end
          }
        }
      }
      post {
        id
        state
        currentStep
      }
    }
  }
`);
const APPROVE = graphql(`
  mutation Posts4($id: ID!, $hash: String!, $comment: String) {
    approvePost(input: { postId: $id, contentHash: $hash, comment: $comment }) {
      id
      state
      currentStep
      scheduledAt
    }
  }
`);
const REJECT = graphql(`
  mutation Posts5($id: ID!, $hash: String!, $comment: String) {
    rejectPost(input: { postId: $id, contentHash: $hash, comment: $comment }) {
      id
      state
    }
  }
`);
const CHANGES = graphql(`
  mutation Posts6($id: ID!, $hash: String!, $comment: String) {
    requestChanges(input: { postId: $id, contentHash: $hash, comment: $comment }) {
      id
      state
    }
  }
`);
const CANCEL = graphql(`
  mutation Posts7($id: ID!) {
    cancelPost(input: { postId: $id }) {
      id
      state
    }
  }
`);
const SCHEDULE = graphql(`
  mutation Posts8($id: ID!, $at: DateTime!) {
    schedulePost(input: { postId: $id, scheduledAt: $at }) {
      id
      state
      scheduledAt
    }
  }
`);
const POST = graphql(`
  query Posts9($id: ID!) {
    post(id: $id) {
      id
      state
      revision
      contentHash
      canReview
      steps {
        index
        name
        status
        approvedBy
        approvers {
          roles
        }
      }
      approvals {
        decision
        stepName
        approverName
        contentHash
        viaLink
        comment
        voidedReason
      }
      revisions {
        number
        basedOn
        contentHash
        text
      }
      comments {
        body
        visibility
      }
      timeline {
        action
        data
      }
    }
  }
`);
const LIST = graphql(`
  query Posts10($filter: PostFilter, $first: Int, $after: String) {
    posts(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          state
          text
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const SET_CHAIN = graphql(`
  mutation Posts11($input: SetApprovalChainInput!) {
    setApprovalChain(input: $input) {
      scope
      scopeId
      steps {
        name
        mode
        minApprovals
      }
    }
  }
`);
const CHAIN = graphql(`
  query Posts12($accountId: ID!) {
    approvalChain(accountId: $accountId) {
      scope
      scopeName
      steps {
        name
      }
    }
  }
`);
const APPROVER_EMAILS = graphql(`
  mutation Posts13($input: ClientApproverEmailsInput!) {
    setClientApproverEmails(input: $input)
  }
`);
const LINK = graphql(`
  query Posts14($token: String!) {
    approvalLink(token: $token) {
      clientName
      email
      stepName
      contentHash
      targets {
        effectiveText
        account {
          network
        }
      }
      findings {
        ruleId
      }
      comments {
        body
      }
    }
  }
`);
const ACT = graphql(`
  mutation Posts15($input: ApprovalLinkActionInput!) {
    actOnApprovalLink(input: $input) {
      decision
      state
    }
  }
`);
const COMMENT = graphql(`
  mutation Posts16($input: AddPostCommentInput!) {
    addPostComment(input: $input) {
      id
      body
      visibility
    }
  }
`);
const POLICY = graphql(`
  mutation Posts17($input: CreatePolicyInput!) {
    createPolicy(input: $input) {
      id
    }
  }
`);
const PUBLISH_POLICY = graphql(`
  mutation Posts18($id: ID!) {
    publishPolicyVersion(input: { policyId: $id }) {
      version
    }
  }
`);
const ATTACH = graphql(`
  mutation Posts19($input: AttachPolicyInput!) {
    attachPolicy(input: $input) {
      id
    }
  }
`);

const as = (who: SignedIn) => ({ token: who.token, organizationId: who.organizationId });

describe('Posts and approvals', () => {
  let t: TestApp;
  let owner: SignedIn;
  let editor: SignedIn;
  let approver: SignedIn;
  let admin: SignedIn;
  let compliance: SignedIn;
  let clientId: string;
  let otherClientId: string;
  let account: string;
  let otherAccount: string;

  beforeAll(async () => {
    t = await TestApp.start();
    owner = await t.signUp('posts-owner');
    editor = await join(t, owner, 'EDITOR');
    approver = await join(t, owner, 'APPROVER');
    admin = await join(t, owner, 'ADMIN');
    compliance = await join(t, owner, 'COMPLIANCE');
    clientId = await createClient(t, owner, 'Bakery');
    otherClientId = await createClient(t, owner, 'Garage');
    account = await addAccount(t, owner, { handle: 'bakery', clientId });
    otherAccount = await addAccount(t, owner, { handle: 'garage', clientId: otherClientId });
  });
  afterAll(() => t.close());

  async function draft(by: SignedIn, text: string, accountIds = [account], scheduledAt?: string) {
    const res = await t.gql(CREATE, { input: { text, targets: accountIds.map((accountId) => ({ accountId })), scheduledAt } }, as(by));
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.createPost;
  }
  async function read(by: SignedIn, id: string) {
    const res = await t.gql(POST, { id }, as(by));
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.post;
  }
  async function submitted(by: SignedIn, text: string, accountIds = [account]) {
    const post = await draft(by, text, accountIds);
    const res = await t.gql(SUBMIT, { id: post.id }, as(by));
    if (!res.data?.submitPost.submitted) throw new Error(JSON.stringify(res.errors ?? res.data));
    return post;
  }

  it('drafts, revises against a named base, submits, approves bound to the content hash, and schedules — each step audited', async () => {
    const post = await draft(editor, 'Fresh croissants every morning');
    expect(post).toMatchObject({ state: 'DRAFT', revision: 1, clientId });
    expect(post.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const stale = await t.gql(UPDATE, { input: { postId: post.id, basedOnRevision: 0, text: 'x', targets: [{ accountId: account }] } }, as(editor));
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'basedOnRevision' });

    const v2 = await t.gql(
      UPDATE,
      { input: { postId: post.id, basedOnRevision: 1, text: 'Fresh croissants every morning at 7', targets: [{ accountId: account }] } },
      as(editor),
    );
    expect(v2.data?.updatePost).toMatchObject({ revision: 2, state: 'DRAFT' });
    const again = await t.gql(UPDATE, { input: { postId: post.id, basedOnRevision: 1, text: 'A lost update', targets: [{ accountId: account }] } }, as(owner));
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentRevision: 2 });

    const premature = await t.gql(APPROVE, { id: post.id, hash: v2.data!.updatePost.contentHash }, as(approver));
    expect(premature.errors?.[0]).toMatchObject({
      message: 'This post is a draft: it cannot be approved now.',
      extensions: { code: 'CONFLICT', state: 'DRAFT' },
    });

    const sub = await t.gql(SUBMIT, { id: post.id }, as(editor));
    expect(sub.data?.submitPost).toMatchObject({ submitted: true, post: { state: 'IN_REVIEW', currentStep: 0 } });

    const own = await t.gql(APPROVE, { id: post.id, hash: v2.data!.updatePost.contentHash }, as(editor));
    expect(own.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: 'The author of a post never approves it.' });
    const wrongHash = await t.gql(APPROVE, { id: post.id, hash: post.contentHash }, as(approver));
    expect(wrongHash.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentRevision: 2 });
    expect((await read(approver, post.id)).canReview).toBe(true);
    expect((await read(editor, post.id)).canReview).toBe(false);

    const ok = await t.gql(APPROVE, { id: post.id, hash: v2.data!.updatePost.contentHash, comment: 'Lovely' }, as(approver));
    expect(ok.data?.approvePost).toMatchObject({ state: 'APPROVED', currentStep: null });

    const past = await t.gql(SCHEDULE, { id: post.id, at: new Date(Date.now() - 60_000).toISOString() }, as(editor));
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scheduledAt' });
    const at = new Date(Date.now() + 86_400_000).toISOString();
    expect((await t.gql(SCHEDULE, { id: post.id, at }, as(editor))).data?.schedulePost).toMatchObject({ state: 'SCHEDULED', scheduledAt: at });

    const full = await read(owner, post.id);
    expect(full.revisions.map((r) => [r.number, r.basedOn])).toEqual([
      [2, 1],
      [1, null],
    ]);
    expect(full.approvals).toEqual([
      expect.objectContaining({ decision: 'APPROVED', stepName: 'Approval', contentHash: v2.data!.updatePost.contentHash, comment: 'Lovely', viaLink: false }),
    ]);
    expect(full.timeline.map((e) => e.action)).toEqual([
      'post.created',
      'post.revised',
      'post.submitted',
      'post.approved',
      'post.scheduled',
      'publication.scheduled',
    ]);
    const events = (await auditActions(t, owner.organizationId)).filter((e) => e.target_id === post.id);
    expect(events.find((e) => e.action === 'post.revised')?.data.contentHash).toBe(v2.data!.updatePost.contentHash);
    expect(events.find((e) => e.action === 'post.approved')?.data).toMatchObject({
      stepName: 'Approval',
      contentHash: v2.data!.updatePost.contentHash,
      complete: true,
    });

    const cancelled = await t.gql(CANCEL, { id: post.id }, as(editor));
    expect(cancelled.data?.cancelPost.state).toBe('CANCELLED');
    const twice = await t.gql(CANCEL, { id: post.id }, as(editor));
    expect(twice.errors?.[0]).toMatchObject({ message: 'This post is cancelled: it cannot be cancelled now.', extensions: { code: 'CONFLICT' } });
  });

  it('schedules an approved post only inside every target’s posting hours (in the account’s time zone)', async () => {
    const hoursClient = await createClient(t, owner, 'Office hours');
    const office = await addAccount(t, owner, { handle: 'office_hours', clientId: hoursClient });
    const policy = await t.gql(
      POLICY,
      {
        input: {
          name: 'Weekday hours',
          rules: [{ id: 'hours', kind: 'schedule', action: 'BLOCK', windows: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }], blackouts: [] }],
        },
      },
      as(owner),
    );
    await t.gql(PUBLISH_POLICY, { id: policy.data!.createPolicy.id }, as(owner));
    const post = await submitted(editor, 'Open on Monday', [office]);
    await t.gql(APPROVE, { id: post.id, hash: post.contentHash }, as(approver));
    // Attached once the post is approved: submitting is judged at the time it happens, which a
    // test run cannot choose (at 18:33 UTC, or on a Saturday, it would be outside these hours).
    await t.gql(ATTACH, { input: { policyId: policy.data!.createPolicy.id, scope: 'ACCOUNT', targetId: office } }, as(owner));
    // The next Sunday at noon UTC, then the Monday after at 10:00 UTC: outside, then inside 09:00–18:00 in the account's zone.
    const sunday = new Date();
    sunday.setUTCDate(sunday.getUTCDate() + ((7 - sunday.getUTCDay()) % 7 || 7));
    sunday.setUTCHours(12, 0, 0, 0);
    const refused = await t.gql(SCHEDULE, { id: post.id, at: sunday.toISOString() }, as(editor));
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scheduledAt' });
    const monday = new Date(sunday.getTime() + 22 * 3_600_000);
    expect((await t.gql(SCHEDULE, { id: post.id, at: monday.toISOString() }, as(editor))).data?.schedulePost).toMatchObject({ state: 'SCHEDULED' });
  });

  it('refuses targets it must: another client’s account in the same post, a personal account of someone else, a member writing for a brand', async () => {
    const mixed = await t.gql(CREATE, { input: { text: 'Hi', targets: [{ accountId: account }, { accountId: otherAccount }] } }, as(editor));
    expect(mixed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targets' });
    const personal = await addAccount(t, owner, { handle: 'approver_perso', kind: 'STAFF', ownerId: approver.userId });
    const notTheirs = await t.gql(CREATE, { input: { text: 'Hi', targets: [{ accountId: personal }] } }, as(editor));
    expect(notTheirs.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targets.0.accountId' });
    expect((await t.gql(CREATE, { input: { text: 'My own', targets: [{ accountId: personal }] } }, as(approver))).data?.createPost.clientId).toBeNull();
    const member = await join(t, owner, 'MEMBER');
    expect((await t.gql(CREATE, { input: { text: 'Hi', targets: [{ accountId: account }] } }, as(member))).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const dup = await t.gql(CREATE, { input: { text: 'Hi', targets: [{ accountId: account }, { accountId: account }] } }, as(editor));
    expect(dup.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targets' });
  });

  it('submits through the policy: BLOCK refuses with the findings and spans, REQUIRE_APPROVAL adds its step first, WARN is kept', async () => {
    const scoped = await createClient(t, owner, 'Pharmacy');
    const pharmacy = await addAccount(t, owner, { handle: 'pharmacy', clientId: scoped });
    const policy = await t.gql(
      POLICY,
      {
        input: {
          name: 'Pharmacy rules',
          rules: [
            { id: 'cure', kind: 'lexicon', action: 'BLOCK', terms: ['miracle cure'], message: { en: 'No health claims.' } },
            { id: 'promo', kind: 'lexicon', action: 'REQUIRE_APPROVAL', approverRole: 'COMPLIANCE', terms: ['discount'] },
            { id: 'tone', kind: 'lexicon', action: 'WARN', terms: ['amazing'] },
          ],
        },
      },
      as(owner),
    );
    const policyId = policy.data!.createPolicy.id;
    await t.gql(PUBLISH_POLICY, { id: policyId }, as(owner));
    await t.gql(ATTACH, { input: { policyId, scope: 'CLIENT', targetId: scoped } }, as(owner));

    const blocked = await draft(editor, 'Our miracle cure is here', [pharmacy]);
    const refused = await t.gql(SUBMIT, { id: blocked.id }, as(editor));
    expect(refused.data?.submitPost.submitted).toBe(false);
    expect(refused.data?.submitPost.post.state).toBe('DRAFT');
    expect(refused.data?.submitPost.findings[0]).toMatchObject({ accountId: pharmacy, blocked: true });
    expect(refused.data?.submitPost.findings[0].findings).toEqual([
      expect.objectContaining({ ruleId: 'cure', action: 'BLOCK', message: 'No health claims.', spans: [{ start: 4, end: 16 }] }),
    ]);
    expect((await auditActions(t, owner.organizationId)).some((e) => e.action === 'post.submission_blocked' && e.target_id === blocked.id)).toBe(true);

    const gated = await draft(editor, 'An amazing discount this week', [pharmacy]);
    const ok = await t.gql(SUBMIT, { id: gated.id }, as(editor));
    expect(ok.data?.submitPost.submitted).toBe(true);
    expect(ok.data?.submitPost.findings[0].findings.map((f) => f.action).sort()).toEqual(['REQUIRE_APPROVAL', 'WARN']);
    const steps = (await read(owner, gated.id)).steps;
    expect(steps.map((s) => [s.name, s.approvers?.roles, s.status])).toEqual([
      ['Policy: Pharmacy rules — promo', ['COMPLIANCE'], 'WAITING'],
      ['Approval', ['APPROVER', 'ADMIN', 'OWNER'], 'PENDING'],
    ]);
    // The approver's turn comes after compliance.
    const early = await t.gql(APPROVE, { id: gated.id, hash: gated.contentHash }, as(approver));
    expect(early.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: 'You are not one of this step’s approvers.' });
    expect((await t.gql(APPROVE, { id: gated.id, hash: gated.contentHash }, as(compliance))).data?.approvePost).toMatchObject({
      state: 'IN_REVIEW',
      currentStep: 1,
    });
    expect((await t.gql(APPROVE, { id: gated.id, hash: gated.contentHash }, as(approver))).data?.approvePost.state).toBe('APPROVED');
  });

  it('refuses to submit for someone who has not accepted the current social media policy', async () => {
    const writer = await join(t, owner, 'EDITOR');
    await t.gql(`mutation { updatePolicyDocumentDraft(input: { title: "Charte", body: "Be kind." }) { id } }`, {}, as(owner));
    await t.gql(`mutation { publishPolicyDocument(input: {}) { id } }`, {}, as(owner));
    const post = await draft(writer, 'Hello');
    const res = await t.gql(SUBMIT, { id: post.id }, as(writer));
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'POLICY_NOT_ACKNOWLEDGED' });
    expect((await read(writer, post.id)).state).toBe('DRAFT');
    // Everyone else in this suite accepts it, so the other tests go on.
    const version = await t.gql<{ policyDocumentStatus: { current: { id: string } } }>(`{ policyDocumentStatus { current { id } } }`, {}, as(owner));
    for (const who of [editor, approver, admin, compliance]) {
      await t.gql(
        `mutation($id: ID!) { acknowledgePolicyDocument(versionId: $id) { acknowledgedAt } }`,
        { id: version.data!.policyDocumentStatus.current.id },
        as(who),
      );
    }
  });

  it('resolves chains most specific first, counts one person once, and voids approvals when the post is edited', async () => {
    const chainClient = await createClient(t, owner, 'Florist');
    const florist = await addAccount(t, owner, { handle: 'florist', clientId: chainClient });
    const twoSteps: ApprovalStepInput[] = [
      { name: 'Team lead', approvers: { roles: ['APPROVER', 'ADMIN'], memberIds: [], clientApprovers: false }, mode: 'ANY', minApprovals: 1 },
      { name: 'Management', approvers: { roles: ['ADMIN', 'OWNER'], memberIds: [], clientApprovers: false }, mode: 'ANY', minApprovals: 1 },
    ];
    const set = await t.gql(SET_CHAIN, { input: { scope: 'CLIENT', scopeId: chainClient, steps: twoSteps, reminderHours: 4 } }, as(admin));
    expect(set.data?.setApprovalChain).toMatchObject({ scope: 'CLIENT', scopeId: chainClient });
    expect((await t.gql(CHAIN, { accountId: florist }, as(editor))).data?.approvalChain).toMatchObject({
      scope: 'CLIENT',
      scopeName: 'Florist',
      steps: [{ name: 'Team lead' }, { name: 'Management' }],
    });
    expect((await t.gql(CHAIN, { accountId: account }, as(editor))).data?.approvalChain).toMatchObject({ scope: null, steps: [{ name: 'Approval' }] });
    const bad = await t.gql(
      SET_CHAIN,
      {
        input: {
          scope: 'ORGANIZATION',
          steps: [{ name: 'Viewers', approvers: { roles: ['CLIENT_VIEWER'], memberIds: [], clientApprovers: false }, mode: 'ANY', minApprovals: 1 }],
          reminderHours: 24,
        },
      },
      as(owner),
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'steps' });
    expect((await t.gql(SET_CHAIN, { input: { scope: 'ORGANIZATION', steps: [], reminderHours: 24 } }, as(editor))).errors?.[0].extensions.code).toBe(
      'FORBIDDEN',
    );

    const post = await submitted(editor, 'Tulips are back', [florist]);
    expect((await t.gql(APPROVE, { id: post.id, hash: post.contentHash }, as(admin))).data?.approvePost).toMatchObject({ state: 'IN_REVIEW', currentStep: 1 });
    const twice = await t.gql(APPROVE, { id: post.id, hash: post.contentHash }, as(admin));
    expect(twice.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(twice.errors?.[0].message).toContain('one person counts once');

    // An edit voids the approval given and returns the post to draft; the chain restarts.
    const edited = await t.gql(
      UPDATE,
      { input: { postId: post.id, basedOnRevision: 1, text: 'Tulips and roses are back', targets: [{ accountId: florist }] } },
      as(editor),
    );
    expect(edited.data?.updatePost).toMatchObject({ state: 'DRAFT', revision: 2 });
    const after = await read(owner, post.id);
    expect(after.approvals[0]).toMatchObject({ approverName: 'Test admin', voidedReason: 'revision 2 was saved' });
    expect(after.timeline.map((e) => e.action)).toContain('post.approval_voided');
    await t.gql(SUBMIT, { id: post.id }, as(editor));
    expect((await read(owner, post.id)).steps.map((s) => s.status)).toEqual(['WAITING', 'PENDING']);
    expect((await t.gql(APPROVE, { id: post.id, hash: edited.data!.updatePost.contentHash }, as(approver))).data?.approvePost.currentStep).toBe(1);
    expect((await t.gql(APPROVE, { id: post.id, hash: edited.data!.updatePost.contentHash }, as(admin))).data?.approvePost.state).toBe('APPROVED');
  });

  it('sends a client’s approver a single-use link that opens one post, is bound to its content, and dies when the post changes', async () => {
    const linkClient = await createClient(t, owner, 'Cafe');
    const cafe = await addAccount(t, owner, { handle: 'cafe', clientId: linkClient });
    const boss = `boss-${Date.now()}@cafe.test`;
    expect((await t.gql(APPROVER_EMAILS, { input: { clientId: linkClient, emails: [boss.toUpperCase()] } }, as(admin))).data?.setClientApproverEmails).toEqual([
      boss,
    ]);
    await t.gql(
      SET_CHAIN,
      {
        input: {
          scope: 'CLIENT',
          scopeId: linkClient,
          steps: [{ name: 'Client sign-off', approvers: { roles: [], memberIds: [], clientApprovers: true }, mode: 'ANY', minApprovals: 1 }],
          reminderHours: 24,
        },
      },
      as(admin),
    );
    const post = await submitted(editor, 'Pumpkin latte season', [cafe]);
    const token = /#token=([A-Za-z0-9_.-]+)/.exec((await mailText(t, boss)) ?? '')?.[1];
    expect(token).toBeDefined();

    const view = await t.gql(LINK, { token: token! });
    expect(view.data?.approvalLink).toMatchObject({
      clientName: 'Cafe',
      email: boss,
      stepName: 'Client sign-off',
      contentHash: post.contentHash,
      targets: [{ effectiveText: 'Pumpkin latte season' }],
    });
    expect((await t.gql(LINK, { token: `${token!.slice(0, -3)}abc` })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID' });

    const stale = await t.gql(ACT, { input: { token: token!, contentHash: '0'.repeat(64), decision: 'APPROVED' } });
    expect(stale.errors?.[0].extensions.code).toBe('CONFLICT');
    const done = await t.gql(
      ACT,
      { input: { token: token!, contentHash: post.contentHash, decision: 'APPROVED', comment: 'Go!' } },
      { headers: { 'x-forwarded-for': '203.0.113.7' } },
    );
    expect(done.data?.actOnApprovalLink).toEqual({ decision: 'APPROVED', state: 'APPROVED' });
    const reused = await t.gql(ACT, { input: { token: token!, contentHash: post.contentHash, decision: 'APPROVED' } });
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'USED' });

    const full = await read(owner, post.id);
    expect(full.approvals).toEqual([expect.objectContaining({ approverName: boss, viaLink: true, comment: 'Go!' })]);
    const used = (await auditActions(t, owner.organizationId)).find((e) => e.action === 'approval_link.used' && e.data.postId === post.id);
    expect(used?.data).toMatchObject({ decision: 'APPROVED', email: boss });
    expect(used?.data.ip).toBeTruthy();

    // Misuse: a link past its expiry, and a link's secret on another link's id, open nothing.
    const third = await submitted(editor, 'Gingerbread', [cafe]);
    const thirdToken = /#token=([A-Za-z0-9_.-]+)/.exec((await mailText(t, boss)) ?? '')![1];
    const [ids, secret] = thirdToken.split('.');
    const [, otherSecret] = token!.split('.');
    expect((await t.gql(LINK, { token: `${ids}.${otherSecret}` })).errors?.[0].extensions).toMatchObject({ reason: 'INVALID' });
    expect((await t.gql(LINK, { token: `${token!.split('.')[0]}.${secret}` })).errors?.[0].extensions).toMatchObject({ reason: 'INVALID' });
    await withAdmin((db) => db.query(`update approval_link set expires_at = now() - interval '1 minute' where post_id = $1`, [third.id]), t.database);
    expect((await t.gql(LINK, { token: thirdToken })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EXPIRED' });
    expect((await t.gql(ACT, { input: { token: thirdToken, contentHash: third.contentHash, decision: 'APPROVED' } })).errors?.[0].extensions).toMatchObject({
      reason: 'EXPIRED',
    });
    expect((await read(owner, third.id)).state).toBe('IN_REVIEW');

    // A second post: the link dies when the post is edited.
    const second = await submitted(editor, 'Cinnamon rolls', [cafe]);
    const secondToken = /#token=([A-Za-z0-9_.-]+)/.exec((await mailText(t, boss)) ?? '')![1];
    await t.gql(UPDATE, { input: { postId: second.id, basedOnRevision: 1, text: 'Cinnamon rolls, warm', targets: [{ accountId: cafe }] } }, as(editor));
    expect((await t.gql(LINK, { token: secondToken })).errors?.[0].extensions).toMatchObject({ reason: 'REVOKED' });
    expect((await auditActions(t, owner.organizationId)).some((e) => e.action === 'approval_link.revoked' && e.target_id === second.id)).toBe(true);
  });

  it('shows client users their client’s submitted posts only, lets a client approver decide on their step, and keeps internal comments internal', async () => {
    const viewer = await join(t, owner, 'CLIENT_VIEWER', [clientId]);
    const clientApprover = await join(t, owner, 'CLIENT_APPROVER', [clientId]);
    await t.gql(
      SET_CHAIN,
      {
        input: {
          scope: 'ACCOUNT',
          scopeId: account,
          steps: [
            { name: 'Agency', approvers: { roles: ['APPROVER'], memberIds: [], clientApprovers: false }, mode: 'ANY', minApprovals: 1 },
            { name: 'Client', approvers: { roles: [], memberIds: [], clientApprovers: true }, mode: 'ANY', minApprovals: 1 },
          ],
          reminderHours: 24,
        },
      },
      as(owner),
    );
    const hidden = await draft(editor, 'Still a draft');
    const other = await submitted(editor, 'For the garage', [otherAccount]);
    const post = await submitted(editor, 'Sourdough Saturday');
    await t.gql(COMMENT, { input: { postId: post.id, body: 'Internal: check the price', visibility: 'INTERNAL', mentions: [approver.userId] } }, as(editor));
    await t.gql(COMMENT, { input: { postId: post.id, body: 'Does this work for you?', visibility: 'CLIENT', mentions: [] } }, as(editor));
    expect(await mailText(t, approver.email)).toContain('Internal: check the price');

    const seen = (await t.gql(LIST, { first: 50 }, as(viewer))).data!.posts.edges.map((e) => e.node.id);
    expect(seen).toContain(post.id);
    expect(seen).not.toContain(hidden.id);
    expect(seen).not.toContain(other.id);
    expect((await t.gql(POST, { id: other.id }, as(viewer))).errors?.[0].extensions.code).toBe('NOT_FOUND');
    const asViewer = await read(viewer, post.id);
    expect(asViewer.comments.map((c) => c.body)).toEqual(['Does this work for you?']);
    expect(asViewer.steps.every((s) => s.approvers === null)).toBe(true);
    expect(asViewer.timeline.every((e) => ['post.submitted', 'post.approved'].includes(e.action))).toBe(true);
    expect((await t.gql(APPROVE, { id: post.id, hash: post.contentHash }, as(viewer))).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(
      (await t.gql(COMMENT, { input: { postId: post.id, body: 'Psst', visibility: 'INTERNAL', mentions: [] } }, as(viewer))).errors?.[0].extensions.code,
    ).toBe('FORBIDDEN');
    expect(
      (await t.gql(COMMENT, { input: { postId: post.id, body: 'Looks good', visibility: 'CLIENT', mentions: [] } }, as(viewer))).data?.addPostComment
        .visibility,
    ).toBe('CLIENT');

    // The client approver's step comes second.
    expect((await t.gql(APPROVE, { id: post.id, hash: post.contentHash }, as(clientApprover))).errors?.[0].extensions.code).toBe('FORBIDDEN');
    await t.gql(APPROVE, { id: post.id, hash: post.contentHash }, as(approver));
    expect((await t.gql(LIST, { filter: { awaitingMe: true } }, as(clientApprover))).data?.posts.edges.map((e) => e.node.id)).toEqual([post.id]);
    expect((await t.gql(APPROVE, { id: other.id, hash: other.contentHash }, as(clientApprover))).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await t.gql(APPROVE, { id: post.id, hash: post.contentHash }, as(clientApprover))).data?.approvePost.state).toBe('APPROVED');
    expect((await t.gql(LIST, { filter: { awaitingMe: true } }, as(clientApprover))).data?.posts.edges).toEqual([]);

    // Row-level security holds without the service: a client user's raw SQL sees no other client's post.
    const raw = await withAdmin(async (db) => {
      await db.query('begin');
      await db.query(`set local role clearpost_app`);
      await db.query(`select set_config('app.organization_id', $1, true), set_config('app.user_id', $2, true)`, [owner.organizationId, viewer.userId]);
      const rows = (await db.query(`select id, state from post`)).rows as Array<{ id: string; state: string }>;
      const comments = (await db.query(`select visibility from post_comment`)).rows as Array<{ visibility: string }>;
      await db.query('rollback');
      return { rows, comments };
    }, t.database);
    expect(raw.rows.map((r) => r.id)).not.toContain(other.id);
    expect(raw.rows.every((r) => r.state !== 'DRAFT')).toBe(true);
    expect(raw.comments.every((c) => c.visibility === 'CLIENT')).toBe(true);
  });

  it('lists newest first with keyset pages and filters by state, account, author and words', async () => {
    const listClient = await createClient(t, owner, 'Bookshop');
    const books = await addAccount(t, owner, { handle: 'books', clientId: listClient });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await draft(approver, `Book of the week #${i} ${i % 2 ? 'poetry' : 'novel'}`, [books])).id);
    const page1 = (await t.gql(LIST, { filter: { accountId: books }, first: 2 }, as(owner))).data!.posts;
    expect(page1.edges.map((e) => e.node.id)).toEqual([ids[4], ids[3]]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await t.gql(LIST, { filter: { accountId: books }, first: 10, after: page1.pageInfo.endCursor }, as(owner))).data!.posts;
    expect(page2.edges.map((e) => e.node.id)).toEqual([ids[2], ids[1], ids[0]]);
    const poetry = (await t.gql(LIST, { filter: { clientId: listClient, search: 'POETRY' } }, as(owner))).data!.posts.edges.map((e) => e.node.id);
    expect(poetry).toEqual([ids[3], ids[1]]);
    const mine = (await t.gql(LIST, { filter: { authorId: approver.userId, state: 'DRAFT', clientId: listClient } }, as(owner))).data!.posts.edges;
    expect(mine).toHaveLength(5);
    const wrong = await t.gql(LIST, { filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }, as(owner));
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
  });

  it('rejects and asks for changes: the author is told, and a post sent back can be edited and submitted again', async () => {
    const post = await submitted(editor, 'Half-price everything!!!', [otherAccount]);
    expect((await t.gql(CHANGES, { id: post.id, hash: post.contentHash, comment: 'Tone it down' }, as(approver))).data?.requestChanges.state).toBe(
      'CHANGES_REQUESTED',
    );
    expect(await mailText(t, editor.email)).toContain('Tone it down');
    const edited = await t.gql(
      UPDATE,
      { input: { postId: post.id, basedOnRevision: 1, text: 'Half-price on winter tyres', targets: [{ accountId: otherAccount }] } },
      as(editor),
    );
    expect(edited.data?.updatePost.state).toBe('CHANGES_REQUESTED');
    await t.gql(SUBMIT, { id: post.id }, as(editor));
    expect(
      (await t.gql(REJECT, { id: post.id, hash: edited.data!.updatePost.contentHash, comment: 'Not this month' }, as(approver))).data?.rejectPost.state,
    ).toBe('REJECTED');
    const final = await t.gql(UPDATE, { input: { postId: post.id, basedOnRevision: 2, text: 'Again', targets: [{ accountId: otherAccount }] } }, as(editor));
    expect(final.errors?.[0]).toMatchObject({ message: 'This post is rejected: it cannot be edited now.', extensions: { code: 'CONFLICT' } });
  });

  describe('races, each run many times on the real PostgreSQL', () => {
    const RUNS = 8;

    it('two approvers on the last step at the same instant: one approval completes it, the other is refused', async () => {
      for (let run = 0; run < RUNS; run++) {
        const post = await submitted(editor, `Race ${run}`, [otherAccount]);
        const [a, b] = await Promise.all([
          t.gql(APPROVE, { id: post.id, hash: post.contentHash }, as(approver)),
          t.gql(APPROVE, { id: post.id, hash: post.contentHash }, as(admin)),
        ]);
        const winners = [a, b].filter((r) => r.data?.approvePost.state === 'APPROVED');
        expect(winners).toHaveLength(1);
        expect([a, b].filter((r) => r.errors?.[0].extensions.code === 'CONFLICT')).toHaveLength(1);
        const approvals = (await read(owner, post.id)).approvals;
        expect(approvals).toHaveLength(1);
        const events = (await auditActions(t, owner.organizationId)).filter((e) => e.target_id === post.id && e.action === 'post.approved');
        expect(events).toHaveLength(1);
      }
    });

    it('a double click: the same approval twice at once counts once', async () => {
      for (let run = 0; run < RUNS; run++) {
        const post = await submitted(editor, `Double ${run}`, [otherAccount]);
        const results = await Promise.all([1, 2].map(() => t.gql(APPROVE, { id: post.id, hash: post.contentHash }, as(approver))));
        expect(results.filter((r) => r.data)).toHaveLength(1);
        expect((await read(owner, post.id)).approvals).toHaveLength(1);
      }
    });

    it('an approval racing an edit: either the approval is refused, or it is given and then voided by the edit', async () => {
      for (let run = 0; run < RUNS; run++) {
        const post = await submitted(editor, `Edit race ${run}`, [otherAccount]);
        const [approval, edit] = await Promise.all([
          t.gql(APPROVE, { id: post.id, hash: post.contentHash }, as(approver)),
          t.gql(UPDATE, { input: { postId: post.id, basedOnRevision: 1, text: `Edited ${run}`, targets: [{ accountId: otherAccount }] } }, as(editor)),
        ]);
        expect(edit.data?.updatePost).toMatchObject({ state: 'DRAFT', revision: 2 });
        const after = await read(owner, post.id);
        expect(after.state).toBe('DRAFT');
        if (approval.data) {
          expect(after.approvals).toEqual([expect.objectContaining({ voidedReason: 'revision 2 was saved' })]);
          expect(after.timeline.map((e) => e.action)).toEqual(['post.created', 'post.submitted', 'post.approved', 'post.approval_voided', 'post.revised']);
        } else {
          expect(approval.errors?.[0].extensions.code).toBe('CONFLICT');
          expect(after.approvals).toEqual([]);
          expect(after.timeline.map((e) => e.action)).toEqual(['post.created', 'post.submitted', 'post.revised']);
        }
      }
    });

    it('a seatless approval racing an edit: the edit always lands; the link’s approval is refused, or given and then voided', async () => {
      const raceClient = await createClient(t, owner, 'Race cafe');
      const raceAccount = await addAccount(t, owner, { handle: 'race_cafe', clientId: raceClient });
      const email = `race-${Date.now()}@cafe.test`;
      await t.gql(APPROVER_EMAILS, { input: { clientId: raceClient, emails: [email] } }, as(admin));
      await t.gql(
        SET_CHAIN,
        {
          input: {
            scope: 'CLIENT',
            scopeId: raceClient,
            steps: [{ name: 'Client', approvers: { roles: [], memberIds: [], clientApprovers: true }, mode: 'ANY', minApprovals: 1 }],
            reminderHours: 24,
          },
        },
        as(admin),
      );
      for (let run = 0; run < RUNS; run++) {
        const post = await submitted(editor, `Link race ${run}`, [raceAccount]);
        const token = /#token=([A-Za-z0-9_.-]+)/.exec((await mailText(t, email)) ?? '')![1];
        const [action, edit] = await Promise.all([
          t.gql(ACT, { input: { token, contentHash: post.contentHash, decision: 'APPROVED' } }),
          t.gql(
            UPDATE,
            { input: { postId: post.id, basedOnRevision: 1, text: `Link race ${run}, edited`, targets: [{ accountId: raceAccount }] } },
            as(editor),
          ),
        ]);
        expect(edit.data?.updatePost).toMatchObject({ revision: 2 });
        const after = await read(owner, post.id);
        if (action.data) {
          // Approved first (the post was APPROVED), then the edit voided it.
          expect(after.approvals).toEqual([expect.objectContaining({ viaLink: true, voidedReason: 'revision 2 was saved' })]);
        } else {
          expect(action.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REVOKED' });
          expect(after.approvals).toEqual([]);
        }
        expect(after.state).toBe('DRAFT');
      }
    });

    it('a cancel racing an approval: the post ends cancelled, and the trail says whether it was approved first', async () => {
      for (let run = 0; run < RUNS; run++) {
        const post = await submitted(editor, `Cancel race ${run}`, [otherAccount]);
        const [approval, cancel] = await Promise.all([
          t.gql(APPROVE, { id: post.id, hash: post.contentHash }, as(approver)),
          t.gql(CANCEL, { id: post.id }, as(editor)),
        ]);
        expect(cancel.data?.cancelPost.state).toBe('CANCELLED');
        const actions = (await read(owner, post.id)).timeline.map((e) => e.action);
        expect(actions).toEqual(
          approval.data ? ['post.created', 'post.submitted', 'post.approved', 'post.cancelled'] : ['post.created', 'post.submitted', 'post.cancelled'],
        );
      }
    });
  });
});
