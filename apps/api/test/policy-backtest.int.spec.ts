import { graphql } from './gql';
import { addAccount, auditActions, createClient, join } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

const CREATE_POLICY = graphql(`
  mutation Backtest1($input: CreatePolicyInput!) {
    createPolicy(input: $input) {
      id
    }
  }
`);
const PUBLISH = graphql(`
  mutation Backtest2($id: ID!) {
    publishPolicyVersion(input: { policyId: $id }) {
      version
    }
  }
`);
const SAVE_DRAFT = graphql(`
  mutation Backtest3($input: UpdatePolicyDraftInput!) {
    updatePolicyDraft(input: $input) {
      id
    }
  }
`);
const CREATE_POST = graphql(`
  mutation Backtest4($input: CreatePostInput!) {
    createPost(input: $input) {
      id
    }
  }
`);
const BACKTEST = graphql(`
  query Backtest5($input: BacktestPolicyInput!) {
    backtestPolicy(input: $input) {
      policyId
      comparedWithVersion
      totalPosts
      scannedPosts
      scannedTexts
      flaggedPosts
      newlyFlaggedPosts
      noLongerFlaggedPosts
      itemsTruncated
      rules {
        ruleId
        mode
        posts
        postsBefore
      }
      items {
        postId
        change
        text
        account {
          handle
        }
        flaggedBefore
        findings {
          ruleId
          action
          intendedAction
          message
          reason
          matched
        }
      }
    }
  }
`);

const as = (who: SignedIn) => ({ token: who.token, organizationId: who.organizationId });
const boycott = { id: 'boycott', kind: 'lexicon', action: 'WARN', terms: ['boycott'] };
const elections = { id: 'politics', kind: 'lexicon', action: 'BLOCK', mode: 'MONITOR', terms: ['élection*', 'election*'] };

describe('backtestPolicy: what a draft would have flagged on past posts', () => {
  let t: TestApp;
  let owner: SignedIn;
  let policyId: string;
  const posts: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    owner = await t.signUp('backtest');
    const acme = await createClient(t, owner, 'Acme', ['Projet Hermine']);
    const globex = await createClient(t, owner, 'Globex', []);
    const acmeX = await addAccount(t, owner, { network: 'X', handle: 'acme_x', clientId: acme });
    const globexLinkedIn = await addAccount(t, owner, { network: 'LINKEDIN', handle: 'company/globex', clientId: globex });
    const globexX = await addAccount(t, owner, { network: 'X', handle: 'globex_x', clientId: globex });
    const write = async (name: string, text: string, accounts: string[]) => {
      const res = await t.gql(CREATE_POST, { input: { text, targets: accounts.map((accountId) => ({ accountId })) } }, as(owner));
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      posts[name] = res.data.createPost.id;
    };
    await write('boycott', 'Boycott this brand!', [acmeX]);
    await write('election', 'Before the election, our offices stay open.', [globexX, globexLinkedIn]);
    await write('clean', 'A sunny day at the studio.', [acmeX]);
    await write('secret', 'Sneak peek of Projet Hermine for you all', [globexLinkedIn]);
    const created = await t.gql(CREATE_POLICY, { input: { name: 'Words', rules: [boycott] } }, as(owner));
    policyId = created.data!.createPolicy.id;
    await t.gql(PUBLISH, { id: policyId }, as(owner));
  });
  afterAll(() => t.close());

  it('shows what rules being edited would flag, beside the published version, with why; MONITOR rules included', async () => {
    const res = await t.gql(
      BACKTEST,
      { input: { policyId, rules: [boycott, elections, { id: 'secrets', kind: 'client_confidentiality', action: 'BLOCK' }] } },
      as(owner),
    );
    expect(res.errors).toBeUndefined();
    const result = res.data!.backtestPolicy;
    expect(result).toMatchObject({
      comparedWithVersion: 1,
      totalPosts: 4,
      scannedPosts: 4,
      scannedTexts: 5,
      flaggedPosts: 3,
      newlyFlaggedPosts: 2,
      noLongerFlaggedPosts: 0,
    });
    expect(result.rules).toEqual([
      { ruleId: 'boycott', mode: 'ENFORCE', posts: 1, postsBefore: 1 },
      { ruleId: 'politics', mode: 'MONITOR', posts: 1, postsBefore: null },
      { ruleId: 'secrets', mode: 'ENFORCE', posts: 1, postsBefore: null },
    ]);
    const byPost = (name: string) => result.items.filter((i) => i.postId === posts[name]);
    expect(byPost('clean')).toEqual([]);
    expect(byPost('boycott')).toEqual([expect.objectContaining({ change: 'SAME', flaggedBefore: ['boycott'] })]);
    expect(byPost('election').map((i) => [i.account.handle, i.change])).toEqual(
      expect.arrayContaining([
        ['globex_x', 'NEW'],
        ['company/globex', 'NEW'],
      ]),
    );
    expect(byPost('election')[0].findings[0]).toMatchObject({ ruleId: 'politics', action: 'MONITOR', intendedAction: 'BLOCK', matched: ['election'] });
    expect(byPost('secret')[0].findings[0]).toMatchObject({
      ruleId: 'secrets',
      matched: ['Projet Hermine'],
      reason: '“Projet Hermine” is on Acme’s list of confidential terms, and this post is for Globex.',
    });
    // New ones first.
    expect(result.items.map((i) => i.change)).toEqual([...result.items.map((i) => i.change)].sort((a, b) => (a === 'NEW' ? -1 : b === 'NEW' ? 1 : 0)));
  });

  it('uses the saved draft by default, says what is no longer flagged, and records nothing', async () => {
    await t.gql(SAVE_DRAFT, { input: { policyId, rules: [elections] } }, as(owner));
    const before = (await auditActions(t, owner.organizationId)).length;
    const res = await t.gql(BACKTEST, { input: { policyId, limit: 2, locale: 'fr' } }, as(owner));
    expect(res.errors).toBeUndefined();
    const result = res.data!.backtestPolicy;
    expect(result).toMatchObject({ totalPosts: 4, scannedPosts: 2 }); // the two most recently changed
    const all = (await t.gql(BACKTEST, { input: { policyId, locale: 'fr' } }, as(owner))).data!.backtestPolicy;
    expect(all).toMatchObject({ flaggedPosts: 1, newlyFlaggedPosts: 1, noLongerFlaggedPosts: 1 });
    expect(all.items.find((i) => i.postId === posts.boycott)).toMatchObject({ change: 'GONE', findings: [], flaggedBefore: ['boycott'] });
    // “élection*” and “election*” fold alike: one finding for the one word.
    expect(all.items.find((i) => i.postId === posts.election)!.findings.map((f) => f.reason)).toEqual(['Correspond au terme “élection*” de la règle.']);
    expect((await auditActions(t, owner.organizationId)).length).toBe(before);
  });

  it('refuses invalid rules by their path, and another organization’s policy or posts', async () => {
    const bad = await t.gql(BACKTEST, { input: { policyId, rules: [{ id: 'x', kind: 'regex', action: 'WARN', pattern: '(a)\\1' }] } }, as(owner));
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rules.0.pattern' });
    const tooMany = await t.gql(BACKTEST, { input: { policyId, limit: 100_000 } }, as(owner));
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const other = await t.signUp('backtest-other');
    const foreign = await t.gql(BACKTEST, { input: { policyId } }, as(other));
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const own = await t.gql(CREATE_POLICY, { input: { name: 'Mine', rules: [boycott] } }, as(other));
    const theirs = await t.gql(BACKTEST, { input: { policyId: own.data!.createPolicy.id } }, as(other));
    expect(theirs.data!.backtestPolicy).toMatchObject({ totalPosts: 0, scannedTexts: 0, flaggedPosts: 0, comparedWithVersion: null, items: [] });

    const member = await join(t, owner, 'MEMBER');
    expect((await t.gql(BACKTEST, { input: { policyId } }, as(member))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
