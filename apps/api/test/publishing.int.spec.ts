import { graphql } from './gql';
import { withAdmin } from './support/databases';
import { approvedPost } from './support/approved-posts';
import { addAccount, auditActions, createClient, join, mailText } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

const SCHEDULE = graphql(`
  mutation Publishing4($id: ID!, $at: DateTime!) {
    schedulePost(input: { postId: $id, scheduledAt: $at }) {
      state
      publications {
        state
        dueAt
      }
    }
  }
`);
const NOW = graphql(`
  mutation Publishing5($id: ID!) {
    publishPostNow(input: { postId: $id }) {
      state
    }
  }
`);
const POST = graphql(`
  query Publishing6($id: ID!) {
    post(id: $id) {
      state
      publications {
        id
        accountId
        handle
        state
        attempts
        remoteId
        remoteUrl
        lastError
        errorPermanent
        nextAttemptAt
        publishedAt
      }
    }
  }
`);
const RETRY = graphql(`
  mutation Publishing7($id: ID!) {
    retryPublication(input: { publicationId: $id }) {
      state
    }
  }
`);
const FEED = graphql(`
  query Publishing8($accountId: String) {
    sandboxFeed(first: 50, accountId: $accountId) {
      edges {
        node {
          id
          text
          handle
        }
      }
    }
  }
`);
const CALENDAR = graphql(`
  query Publishing9($filter: CalendarFilter!) {
    calendar(filter: $filter) {
      postId
      state
      at
      excerpt
      accounts {
        handle
        timezone
        publicationState
      }
    }
  }
`);
const UPDATE = graphql(`
  mutation Publishing10($input: UpdatePostInput!) {
    updatePost(input: $input) {
      state
    }
  }
`);
const UNSCHEDULE = graphql(`
  mutation Publishing11($id: ID!) {
    unschedulePost(input: { postId: $id }) {
      state
    }
  }
`);

const as = (who: SignedIn) => ({ token: who.token, organizationId: who.organizationId });

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Publishing exactly once (sandbox network)', () => {
  let t: TestApp;
  let owner: SignedIn;
  let editor: SignedIn;
  let approver: SignedIn;
  let viewer: SignedIn;
  let clientId: string;
  let bakery: string;
  let bakeryToo: string;
  let staffAccount: string;

  beforeAll(async () => {
    t = await TestApp.start();
    owner = await t.signUp('publishing-owner');
    editor = await join(t, owner, 'EDITOR');
    approver = await join(t, owner, 'APPROVER');
    clientId = await createClient(t, owner, 'Bakery');
    viewer = await join(t, owner, 'CLIENT_VIEWER', [clientId]);
    bakery = await addAccount(t, owner, { handle: 'bakery', clientId, ownerId: editor.userId });
    bakeryToo = await addAccount(t, owner, { network: 'MASTODON', handle: '@bakery@mastodon.social', clientId, ownerId: editor.userId });
    staffAccount = await addAccount(t, editor, { handle: 'jane_at_work', kind: 'STAFF' });
  });
  afterAll(() => t.close());

  const approved = (text: string, accountIds = [bakery, bakeryToo]) => approvedPost(t, editor, approver, accountIds, text);
  const read = async (id: string, who = editor) => (await t.gql(POST, { id }, as(who))).data!.post;
  const settled = (id: string) =>
    until(
      `post ${id}`,
      () => read(id),
      (p) => ['PUBLISHED', 'FAILED', 'CHANGES_REQUESTED'].includes(p.state),
    );
  const feedRows = (organizationId: string, key?: string) =>
    withAdmin(
      (admin) =>
        admin
          .query(
            `select s.account_id, count(*)::int as n from sandbox_post s
              where s.organization_id = $1 and ($2::text is null or s.text like $2) group by s.account_id`,
            [organizationId, key ?? null],
          )
          .then((r) => r.rows as Array<{ account_id: string; n: number }>),
      t.database,
    );

  it('a scheduled post goes out at its time, once per brand account, with the network’s id and address — every step audited', async () => {
    const id = await approved('Sourdough Saturday is back #one');
    const at = new Date(Date.now() + 6_000);
    const scheduled = await t.gql(SCHEDULE, { id, at: at.toISOString() }, as(editor));
    expect(scheduled.data?.schedulePost.state).toBe('SCHEDULED');
    expect(scheduled.data?.schedulePost.publications.map((p) => p.state)).toEqual(['SCHEDULED', 'SCHEDULED']);
    expect((await read(id)).publications.every((p) => p.state === 'SCHEDULED')).toBe(true);

    const post = await settled(id);
    expect(post.state).toBe('PUBLISHED');
    for (const p of post.publications) {
      expect(p).toMatchObject({ state: 'PUBLISHED', attempts: 1, lastError: null });
      expect(p.remoteUrl).toBe(`http://clearpost.test/sandbox#${p.remoteId}`);
      // Not before its time.
      expect(new Date(p.publishedAt!).getTime()).toBeGreaterThanOrEqual(at.getTime());
    }
    expect(await feedRows(owner.organizationId, '%#one%')).toEqual(
      expect.arrayContaining([
        { account_id: bakery, n: 1 },
        { account_id: bakeryToo, n: 1 },
      ]),
    );
    const feed = await t.gql(FEED, { accountId: bakery }, as(viewer));
    expect(feed.data?.sandboxFeed.edges.map((e) => e.node.text)).toContain('Sourdough Saturday is back #one');

    const actions = (await auditActions(t, owner.organizationId)).filter((e) => e.target_id === id).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['post.scheduled', 'publication.scheduled', 'publication.attempted', 'publication.published', 'post.published']),
    );
    expect(actions.filter((a) => a === 'publication.published')).toHaveLength(2);
    expect(actions.at(-1)).toBe('post.published');
    expect(await mailText(t, editor.email)).toContain('went out');
  });

  it('publishes now; personal accounts are never published to; the calendar shows the post in each account’s zone', async () => {
    const staffOnly = await approved('My own words #staff', [staffAccount]);
    const refused = await t.gql(NOW, { id: staffOnly }, as(editor));
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(refused.errors?.[0].message).toContain('personal accounts only');

    const id = await approved('Fresh bread right now #now');
    expect((await t.gql(NOW, { id }, as(editor))).data?.publishPostNow.state).toBe('PUBLISHING');
    const post = await settled(id);
    expect(post.state).toBe('PUBLISHED');

    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const calendar = await t.gql(CALENDAR, { filter: { from, to, clientId } }, as(viewer));
    const entry = calendar.data?.calendar.find((e) => e.postId === id);
    expect(entry).toMatchObject({ state: 'PUBLISHED', excerpt: 'Fresh bread right now #now' });
    expect(entry?.accounts.map((a) => a.publicationState)).toEqual(['PUBLISHED', 'PUBLISHED']);
    expect(entry?.accounts[0].timezone).toBe('UTC');
    const tooLong = await t.gql(CALENDAR, { filter: { from, to: new Date(Date.now() + 90 * 86_400_000).toISOString() } }, as(viewer));
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
  });

  it('retries transient errors (503, 429 with Retry-After) with backoff, and stops at once on a refusal, which a person can retry', async () => {
    const flaky = await approved('Busy day #sandbox-flaky #sandbox-rate-limit', [bakery]);
    await t.gql(NOW, { id: flaky }, as(editor));
    const waiting = await until(
      'a retry planned',
      () => read(flaky),
      (p) => p.publications[0].attempts >= 1 && !!p.publications[0].nextAttemptAt,
    );
    expect(waiting.publications[0]).toMatchObject({ state: 'SCHEDULED', errorPermanent: false });
    expect(waiting.publications[0].lastError).toMatch(/503|429/);
    // The test app is allowed to go faster than the real backoff: bring the retries forward.
    const hurry = () =>
      withAdmin((admin) => admin.query(`update outbox set available_at = now() where completed_at is null and topic = 'publication.publish'`), t.database);
    const done = await until(
      'published after retries',
      async () => {
        await hurry();
        return read(flaky);
      },
      (p) => p.state === 'PUBLISHED',
    );
    expect(done.publications[0].attempts).toBe(3);
    expect(await feedRows(owner.organizationId, '%Busy day%')).toEqual([{ account_id: bakery, n: 1 }]);

    const refused = await approved('Refuse me #sandbox-reject', [bakery]);
    await t.gql(NOW, { id: refused }, as(editor));
    const failed = await settled(refused);
    expect(failed.state).toBe('FAILED');
    expect(failed.publications[0]).toMatchObject({ state: 'FAILED', attempts: 1, errorPermanent: true });
    expect(failed.publications[0].lastError).toContain('422');
    expect(await mailText(t, editor.email)).toContain('could not be published');

    const viewerRetry = await t.gql(RETRY, { id: failed.publications[0].id }, as(viewer));
    expect(viewerRetry.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(RETRY, { id: failed.publications[0].id }, as(editor))).data?.retryPublication.state).toBe('SCHEDULED');
    const again = await settled(refused);
    expect(again.publications[0]).toMatchObject({ state: 'FAILED', attempts: 2 });
    const twice = await t.gql(RETRY, { id: (await read(flaky)).publications[0].id }, as(editor));
    expect(twice.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });

    const actions = (await auditActions(t, owner.organizationId)).filter((e) => e.target_id === flaky || e.target_id === refused);
    const retried = actions.filter((e) => e.action === 'publication.retried');
    expect(retried.filter((e) => e.data.automatic)).toHaveLength(2);
    expect(retried.filter((e) => !e.data.automatic)).toHaveLength(1);
    expect(actions.filter((e) => e.action === 'publication.failed').map((e) => e.data.permanent)).toEqual([true, true]);
  });

  it('a post that failed on one account is fixed by an edit: reviewed again, it goes out there, and the account that had it is not posted to twice', async () => {
    const id = await approved('Half out #sandbox-flaky', [bakery, bakeryToo]);
    // One account refuses for good (the sandbox is told per account through its text): reject only @bakery's copy.
    const own = await t.gql(
      `mutation($input: UpdatePostInput!) { updatePost(input: $input) { revision } }`,
      {
        input: {
          postId: id,
          basedOnRevision: 1,
          text: 'Half out',
          targets: [{ accountId: bakery, text: 'Half out #sandbox-reject' }, { accountId: bakeryToo }],
        },
      },
      as(editor),
    );
    expect(own.data?.updatePost.revision).toBe(2);
    const hash = (await t.gql(`mutation($id: ID!) { submitPost(input: { postId: $id }) { post { contentHash } } }`, { id }, as(editor))).data!.submitPost.post
      .contentHash;
    await t.gql(`mutation($id: ID!, $hash: String!) { approvePost(input: { postId: $id, contentHash: $hash }) { state } }`, { id, hash }, as(approver));
    await t.gql(NOW, { id }, as(editor));
    const failed = await settled(id);
    expect(failed.state).toBe('FAILED');
    expect(failed.publications.map((p) => [p.accountId, p.state]).sort()).toEqual(
      [
        [bakery, 'FAILED'],
        [bakeryToo, 'PUBLISHED'],
      ].sort(),
    );

    const fixed = await t.gql(
      `mutation($input: UpdatePostInput!) { updatePost(input: $input) { state revision } }`,
      { input: { postId: id, basedOnRevision: 2, text: 'Half out', targets: [{ accountId: bakery }, { accountId: bakeryToo }] } },
      as(editor),
    );
    expect(fixed.data?.updatePost).toEqual({ state: 'DRAFT', revision: 3 });
    const hash3 = (await t.gql(`mutation($id: ID!) { submitPost(input: { postId: $id }) { post { contentHash } } }`, { id }, as(editor))).data!.submitPost.post
      .contentHash;
    await t.gql(`mutation($id: ID!, $hash: String!) { approvePost(input: { postId: $id, contentHash: $hash }) { state } }`, { id, hash: hash3 }, as(approver));
    await t.gql(NOW, { id }, as(editor));
    const done = await settled(id);
    expect(done.state).toBe('PUBLISHED');
    const live = done.publications.filter((p) => p.state !== 'CANCELLED');
    expect(live.map((p) => [p.accountId, p.state]).sort()).toEqual(
      [
        [bakery, 'PUBLISHED'],
        [bakeryToo, 'PUBLISHED'],
      ].sort(),
    );
    expect(await feedRows(owner.organizationId, 'Half out%')).toEqual(
      expect.arrayContaining([
        { account_id: bakery, n: 1 },
        { account_id: bakeryToo, n: 1 },
      ]),
    );
  });

  it('an edit, an unschedule or a cancel withdraws what has not gone out', async () => {
    const id = await approved('Withdraw me #withdraw');
    await t.gql(SCHEDULE, { id, at: new Date(Date.now() + 3_600_000).toISOString() }, as(editor));
    expect((await t.gql(UNSCHEDULE, { id }, as(editor))).data?.unschedulePost.state).toBe('APPROVED');
    expect((await read(id)).publications.map((p) => p.state)).toEqual(['CANCELLED', 'CANCELLED']);
    await t.gql(SCHEDULE, { id, at: new Date(Date.now() + 3_600_000).toISOString() }, as(editor));
    const live = (await read(id)).publications.filter((p) => p.state === 'SCHEDULED');
    expect(live).toHaveLength(2);
    const edit = await t.gql(UPDATE, { input: { postId: id, basedOnRevision: 1, text: 'Changed #withdraw', targets: [{ accountId: bakery }] } }, as(editor));
    expect(edit.data?.updatePost.state).toBe('DRAFT');
    expect((await read(id)).publications.every((p) => p.state === 'CANCELLED')).toBe(true);
    const actions = (await auditActions(t, owner.organizationId)).filter((e) => e.target_id === id && e.action === 'publication.cancelled');
    expect(actions.map((e) => e.data.reason)).toEqual(['the post was unscheduled', 'revision 2 was saved']);
  });

  it('before going out, a policy published since the approval sends the post back to its author with the reason', async () => {
    const id = await approved('We love the new tax plan #policy', [bakery]);
    const policy = await t.gql(
      graphql(`
        mutation Publishing12($input: CreatePolicyInput!) {
          createPolicy(input: $input) {
            id
          }
        }
      `),
      {
        input: {
          name: 'No politics',
          rules: [{ id: 'no-politics', kind: 'lexicon', action: 'BLOCK', terms: ['tax plan'], message: { en: 'No politics on client accounts.' } }],
        },
      },
      as(owner),
    );
    if (!policy.data) throw new Error(JSON.stringify(policy.errors));
    const policyId = policy.data.createPolicy.id;
    await t.gql(
      graphql(`
        mutation Publishing13($id: ID!) {
          publishPolicyVersion(input: { policyId: $id }) {
            version
          }
        }
      `),
      { id: policyId },
      as(owner),
    );
    const attached = await t.gql(
      graphql(`
        mutation Publishing14($input: AttachPolicyInput!) {
          attachPolicy(input: $input) {
            id
          }
        }
      `),
      { input: { policyId, scope: 'ACCOUNT', targetId: bakery } },
      as(owner),
    );
    if (!attached.data) throw new Error(JSON.stringify(attached.errors));
    await t.gql(NOW, { id }, as(editor));
    const back = await settled(id);
    expect(back.state).toBe('CHANGES_REQUESTED');
    expect(back.publications.map((p) => p.state)).toEqual(['CANCELLED']);
    expect(await feedRows(owner.organizationId, '%#policy%')).toEqual([]);
    const returned = (await auditActions(t, owner.organizationId)).find((e) => e.target_id === id && e.action === 'post.returned_by_policy');
    expect(returned?.data).toMatchObject({ rules: ['no-politics'], reason: 'No politics on client accounts.' });
    expect(await mailText(t, editor.email)).toContain('policy changed');
  });

  it('moved to a time its posting hours send to another approval, an approved post goes back to review for that step, then out at the new time', async () => {
    const compliance = await join(t, owner, 'COMPLIANCE');
    const office = await addAccount(t, owner, { handle: 'office_hours', clientId, ownerId: editor.userId });
    const policy = await t.gql(
      `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }`,
      {
        input: {
          name: 'Weekday hours',
          rules: [
            {
              id: 'hours',
              kind: 'schedule',
              action: 'REQUIRE_APPROVAL',
              approverRole: 'COMPLIANCE',
              windows: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }],
              blackouts: [],
            },
          ],
        },
      },
      as(owner),
    );
    const policyId = policy.data!.createPolicy.id;
    await t.gql(`mutation($id: ID!) { publishPolicyVersion(input: { policyId: $id }) { version } }`, { id: policyId }, as(owner));
    // Attached once the post is approved: submitting is judged at the time it happens, which a
    // test run cannot choose (at 18:33 UTC, or on a Saturday, it would be outside these hours).
    const id = await approved('Open on Monday #hours', [office]);
    await t.gql(
      `mutation($input: AttachPolicyInput!) { attachPolicy(input: $input) { id } }`,
      { input: { policyId, scope: 'ACCOUNT', targetId: office } },
      as(owner),
    );

    const sunday = new Date();
    sunday.setUTCDate(sunday.getUTCDate() + ((7 - sunday.getUTCDay()) % 7 || 7));
    sunday.setUTCHours(12, 0, 0, 0);
    const monday = new Date(sunday.getTime() + 22 * 3_600_000);
    expect((await t.gql(SCHEDULE, { id, at: monday.toISOString() }, as(editor))).data?.schedulePost.state).toBe('SCHEDULED');

    const moved = await t.gql(SCHEDULE, { id, at: sunday.toISOString() }, as(editor));
    expect(moved.data?.schedulePost.state).toBe('IN_REVIEW');
    const inReview = await t.gql(
      `query($id: ID!) { post(id: $id) { contentHash scheduledAt steps { name status } publications { state } } }`,
      { id },
      as(compliance),
    );
    expect(inReview.data!.post.steps.at(-1)).toEqual({ name: 'Policy: Weekday hours — hours', status: 'WAITING' });
    expect(inReview.data!.post.steps[0].status).toBe('APPROVED'); // the approval given still counts
    expect(inReview.data!.post.publications.map((p: { state: string }) => p.state)).toEqual(['CANCELLED']);
    const sent = (await auditActions(t, owner.organizationId)).find((e) => e.target_id === id && e.action === 'post.sent_back_to_review');
    expect(sent?.data).toMatchObject({ scheduledAt: sunday.toISOString(), steps: ['Policy: Weekday hours — hours'] });

    const ok = await t.gql(
      `mutation($id: ID!, $hash: String!) { approvePost(input: { postId: $id, contentHash: $hash }) { state scheduledAt } }`,
      { id, hash: inReview.data!.post.contentHash },
      as(compliance),
    );
    expect(ok.data?.approvePost).toEqual({ state: 'SCHEDULED', scheduledAt: sunday.toISOString() });
    const planned = await read(id);
    expect(planned.publications.filter((p) => p.state === 'SCHEDULED')).toHaveLength(1);
    // Covered now: moving it within the same hours again needs no new review.
    const again = await t.gql(SCHEDULE, { id, at: new Date(sunday.getTime() + 3_600_000).toISOString() }, as(editor));
    expect(again.data?.schedulePost.state).toBe('SCHEDULED');
  });

  it('another organization sees none of it', async () => {
    const stranger = await t.signUp('publishing-stranger');
    const id = await approved('Private bread #private', [bakery]);
    await t.gql(NOW, { id }, as(editor));
    await settled(id);
    const feed = await t.gql(FEED, {}, as(stranger));
    expect(feed.data?.sandboxFeed.edges).toEqual([]);
    const pubId = (await read(id)).publications[0].id;
    const retry = await t.gql(RETRY, { id: pubId }, as(stranger));
    expect(retry.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const calendar = await t.gql(
      CALENDAR,
      { filter: { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() } },
      as(stranger),
    );
    expect(calendar.data?.calendar).toEqual([]);
  });
});
