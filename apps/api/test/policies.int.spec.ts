import { graphql } from './gql';
import { withAdmin } from './support/databases';
import { addAccount, auditActions, createClient, join } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

const CREATE = graphql(`
  mutation Policies1($input: CreatePolicyInput!) {
    createPolicy(input: $input) {
      id
      name
      draft {
        version
        ruleCount
        rules
      }
      published {
        version
      }
    }
  }
`);
const UPDATE = graphql(`
  mutation Policies2($input: UpdatePolicyDraftInput!) {
    updatePolicyDraft(input: $input) {
      id
      draft {
        version
        ruleCount
      }
      published {
        version
      }
      versions {
        version
        status
      }
    }
  }
`);
const PUBLISH = graphql(`
  mutation Policies3($id: ID!) {
    publishPolicyVersion(input: { policyId: $id }) {
      version
      status
      publishedByName
    }
  }
`);
const ATTACH = graphql(`
  mutation Policies4($input: AttachPolicyInput!) {
    attachPolicy(input: $input) {
      id
      scope
      targetId
      targetName
    }
  }
`);
const DETACH = graphql(`
  mutation Policies5($input: AttachPolicyInput!) {
    detachPolicy(input: $input) {
      id
    }
  }
`);
const EFFECTIVE = graphql(`
  query Policies6($id: ID!) {
    effectivePolicy(accountId: $id) {
      rules {
        ruleId
        action
        source {
          policyName
          scope
          version
        }
        overrides {
          policyName
        }
        overriddenRules {
          action
          because
          source {
            policyName
          }
        }
      }
    }
  }
`);
const CHECK = graphql(`
  query Policies7($input: CheckPostInput!) {
    checkPost(input: $input) {
      blocked
      requiredApprovals
      findings {
        ruleId
        action
        message
        spans {
          start
          end
        }
        policyName
        ruleLabel
        reason
        matched
      }
    }
  }
`);

describe('policies: versions, attachments, effective policy, checkPost', () => {
  let t: TestApp;
  let owner: SignedIn;
  let acme: string;
  let globex: string;
  let acmeAccount: string;
  let staffAccount: string;
  const as = (who: SignedIn) => ({ token: who.token, organizationId: who.organizationId });

  beforeAll(async () => {
    t = await TestApp.start();
    owner = await t.signUp('policy');
    acme = await createClient(t, owner, 'Acme', ['Projet Hermine']);
    globex = await createClient(t, owner, 'Globex', ['Scorpio']);
    acmeAccount = await addAccount(t, owner, { network: 'X', handle: 'acme_fr', clientId: acme });
    staffAccount = await addAccount(t, owner, { network: 'LINKEDIN', handle: 'jean-dupont', kind: 'STAFF', ownerId: owner.userId });
  });
  afterAll(() => t.close());

  async function publishedPolicy(name: string, rules: unknown[]): Promise<string> {
    const created = await t.gql(CREATE, { input: { name, rules } }, as(owner));
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    await t.gql(PUBLISH, { id: created.data.createPolicy.id }, as(owner));
    return created.data.createPolicy.id;
  }

  it('creates a policy from the French template, validates drafts, and publishes immutable versions', async () => {
    const created = await t.gql(CREATE, { input: { name: 'Charte', templateId: 'sme-social-media-policy-fr' } }, as(owner));
    expect(created.data?.createPolicy.draft!.version).toBe(1);
    expect(created.data?.createPolicy.draft!.ruleCount).toBeGreaterThan(8);
    const id = created.data!.createPolicy.id;
    const rules = created.data!.createPolicy.draft!.rules;

    const unsafe = await t.gql(
      UPDATE,
      { input: { policyId: id, rules: [...rules, { id: 'evil', kind: 'regex', action: 'WARN', pattern: '(a)\\1' }] } },
      as(owner),
    );
    expect(unsafe.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `rules.${rules.length}.pattern` });
    const badTerm = await t.gql(UPDATE, { input: { policyId: id, rules: [{ id: 'x', kind: 'lexicon', action: 'WARN', terms: ['co*de'] }] } }, as(owner));
    expect(badTerm.errors?.[0].extensions.field).toBe('rules.0.terms.0');

    expect((await t.gql(PUBLISH, { id }, as(owner))).data?.publishPolicyVersion).toEqual({ version: 1, status: 'PUBLISHED', publishedByName: 'Test policy' });
    const again = await t.gql(PUBLISH, { id }, as(owner));
    expect(again.errors?.[0].extensions.code).toBe('CONFLICT');

    const edited = await t.gql(UPDATE, { input: { policyId: id, rules: rules.slice(0, 3) } }, as(owner));
    expect(edited.data?.updatePolicyDraft).toMatchObject({ draft: { version: 2, ruleCount: 3 }, published: { version: 1 } });

    // Not even the database owner can change a published version.
    await expect(
      withAdmin((admin) => admin.query(`update policy_version set rules = '[]' where policy_id = $1 and version = 1`, [id]), t.database),
    ).rejects.toThrow(/immutable/);
    const actions = (await auditActions(t, owner.organizationId)).filter((e) => e.target_id === id).map((e) => e.action);
    expect(actions).toEqual(['policy.created', 'policy.published', 'policy.draft_saved']);
  });

  it('merges what is attached to the organization, the client and the account; the strictest action wins', async () => {
    const org = await publishedPolicy('Org rules', [
      { id: 'consent', kind: 'media_consent', action: 'WARN' },
      { id: 'length', kind: 'length', action: 'BLOCK' },
    ]);
    const client = await publishedPolicy('Acme rules', [
      { id: 'consent', kind: 'media_consent', action: 'BLOCK' },
      { id: 'secrets', kind: 'client_confidentiality', action: 'BLOCK' },
      { id: 'promo', kind: 'lexicon', action: 'REQUIRE_APPROVAL', approverRole: 'COMPLIANCE', terms: ['promo*'] },
    ]);
    const account = await publishedPolicy('Account rules', [{ id: 'consent', kind: 'media_consent', action: 'REQUIRE_APPROVAL', approverRole: 'ADMIN' }]);
    expect((await t.gql(ATTACH, { input: { policyId: org, scope: 'ORGANIZATION' } }, as(owner))).data?.attachPolicy).toMatchObject({
      scope: 'ORGANIZATION',
      targetName: 'policy organization',
    });
    expect((await t.gql(ATTACH, { input: { policyId: client, scope: 'CLIENT', targetId: acme } }, as(owner))).data?.attachPolicy.targetName).toBe('Acme');
    await t.gql(ATTACH, { input: { policyId: account, scope: 'ACCOUNT', targetId: acmeAccount } }, as(owner));
    const twice = await t.gql(ATTACH, { input: { policyId: org, scope: 'ORGANIZATION' } }, as(owner));
    expect(twice.errors?.[0].extensions.code).toBe('CONFLICT');

    const effective = await t.gql(EFFECTIVE, { id: acmeAccount }, as(owner));
    const byId = Object.fromEntries(effective.data!.effectivePolicy.rules.map((r: any) => [r.ruleId, r]));
    expect(byId.consent).toMatchObject({ action: 'BLOCK', source: { policyName: 'Acme rules', scope: 'CLIENT', version: 1 } });
    expect(byId.consent.overrides.map((o: any) => o.policyName).sort()).toEqual(['Account rules', 'Org rules']);
    // Every override explained: what the other rule did and why this one won.
    expect(byId.consent.overriddenRules.map((o: any) => [o.source.policyName, o.action, o.because]).sort()).toEqual([
      ['Account rules', 'REQUIRE_APPROVAL', 'STRICTER'],
      ['Org rules', 'WARN', 'STRICTER'],
    ]);
    expect(byId.length.source.scope).toBe('ORGANIZATION');

    const staff = await t.gql(EFFECTIVE, { id: staffAccount }, as(owner));
    expect(staff.data?.effectivePolicy.rules.map((r: any) => r.ruleId).sort()).toEqual(['consent', 'length']); // no client policy

    const checked = await t.gql(
      CHECK,
      { input: { accountId: acmeAccount, text: 'Promo de lancement : le projet Scorpio arrive !', media: [{ peopleTagged: 1, consentRecorded: false }] } },
      as(owner),
    );
    const result = checked.data!.checkPost;
    expect(result.blocked).toBe(true);
    expect(result.requiredApprovals).toEqual(['COMPLIANCE']);
    const secret = result.findings.find((f: any) => f.ruleId === 'secrets');
    expect(secret).toMatchObject({
      action: 'BLOCK',
      message: '“Scorpio” is confidential to another client (Globex).',
      policyName: 'Acme rules',
      matched: ['Scorpio'],
      reason: '“Scorpio” is on Globex’s list of confidential terms, and this post is for Acme.',
    });
    expect('Promo de lancement : le projet Scorpio arrive !'.slice(secret!.spans[0].start, secret!.spans[0].end)).toBe('Scorpio');
    expect(result.findings.map((f: any) => f.ruleId).sort()).toEqual(['consent', 'promo', 'secrets']);

    const french = await t.gql(CHECK, { input: { accountId: acmeAccount, text: 'Projet Hermine', locale: 'fr' } }, as(owner));
    expect(french.data?.checkPost.findings).toEqual([]); // Acme's own term on Acme's account

    expect((await t.gql(DETACH, { input: { policyId: client, scope: 'CLIENT', targetId: acme } }, as(owner))).errors).toBeUndefined();
    const after = await t.gql(EFFECTIVE, { id: acmeAccount }, as(owner));
    expect(after.data?.effectivePolicy.rules.find((r: any) => r.ruleId === 'consent')).toMatchObject({
      action: 'REQUIRE_APPROVAL',
      source: { scope: 'ACCOUNT' },
    });
    const events = (await auditActions(t, owner.organizationId)).map((e) => e.action);
    expect(events).toEqual(expect.arrayContaining(['policy.attached', 'policy.detached']));
    expect(events).not.toContain('post.checked'); // checking changes nothing and records nothing
  });

  it('refuses attaching a policy that was never published, and targets of another kind', async () => {
    const created = await t.gql(CREATE, { input: { name: 'Unpublished' } }, as(owner));
    const unpublished = await t.gql(ATTACH, { input: { policyId: created.data!.createPolicy.id, scope: 'ORGANIZATION' } }, as(owner));
    expect(unpublished.errors?.[0].extensions.code).toBe('CONFLICT');
    const policy = await publishedPolicy('Targets', [{ id: 'c', kind: 'media_consent', action: 'WARN' }]);
    const wrongKind = await t.gql(ATTACH, { input: { policyId: policy, scope: 'CLIENT', targetId: acmeAccount } }, as(owner));
    expect(wrongKind.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targetId' });
  });

  it('lets editors check posts but not write policies; another organization sees nothing of these', async () => {
    const editor = await join(t, owner, 'EDITOR');
    const check = await t.gql(CHECK, { input: { accountId: acmeAccount, text: 'Bonjour' } }, as(editor));
    expect(check.errors).toBeUndefined();
    const write = await t.gql(CREATE, { input: { name: 'Mine' } }, as(editor));
    expect(write.errors?.[0].extensions.code).toBe('FORBIDDEN');

    const other = await t.signUp('other-policy');
    const policies = await t.gql(
      graphql(`
        query Policies8 {
          policies {
            id
          }
        }
      `),
      {},
      as(other),
    );
    expect(policies.data?.policies).toEqual([]);
    const foreign = await t.gql(CHECK, { input: { accountId: acmeAccount, text: 'x' } }, as(other));
    expect(foreign.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const [anyPolicy] = (
      await t.gql(
        graphql(`
          query Policies9 {
            policies {
              id
            }
          }
        `),
        {},
        as(owner),
      )
    ).data!.policies;
    expect((await t.gql(PUBLISH, { id: anyPolicy.id }, as(other))).errors?.[0].extensions.code).toBe('NOT_FOUND');
    void globex;
  });
});

describe('competitors: named once, read by {competitor} when a post is checked', () => {
  let t: TestApp;
  let owner: SignedIn;
  let account: string;
  const as = (who: SignedIn) => ({ token: who.token, organizationId: who.organizationId });
  const SET = `mutation($names: [String!]!) { setCompetitors(input: { names: $names }) }`;
  const CHECK_TEXT = `query($id: ID!, $text: String!) { checkPost(input: { accountId: $id, text: $text }) { findings { ruleId reason } } }`;

  beforeAll(async () => {
    t = await TestApp.start();
    owner = await t.signUp('competitors');
    account = await addAccount(t, owner, { network: 'X', handle: 'lumiere_x' });
    const created = await t.gql(
      CREATE,
      { input: { name: 'Rivals', rules: [{ id: 'putdown', kind: 'lexicon', action: 'WARN', terms: ['amateurs NEAR/5 {competitor}'] }] } },
      as(owner),
    );
    const id = created.data!.createPolicy.id;
    await t.gql(PUBLISH, { id }, as(owner));
    await t.gql(ATTACH, { input: { policyId: id, scope: 'ORGANIZATION' } }, as(owner));
  });
  afterAll(() => t.close());

  it('sets the list (trimmed, each name once), audited, and a check reads it then — no rule changes', async () => {
    const text = 'Agence Néon? Des amateurs.';
    expect((await t.gql(CHECK_TEXT, { id: account, text }, as(owner))).data!.checkPost.findings).toEqual([]);
    const set = await t.gql(SET, { names: ['  Agence Néon ', 'agence neon', 'Studio Nord'] }, as(owner));
    expect(set.data!.setCompetitors).toEqual(['Agence Néon', 'Studio Nord']);
    expect((await t.gql(`{ competitors }`, {}, as(owner))).data!.competitors).toEqual(['Agence Néon', 'Studio Nord']);
    const found = (await t.gql(CHECK_TEXT, { id: account, text }, as(owner))).data!.checkPost.findings;
    expect(found).toEqual([{ ruleId: 'putdown', reason: '“amateurs” stands within 5 words of “Agence Néon”.' }]);
    const event = (await auditActions(t, owner.organizationId)).find((e) => e.action === 'policy.competitors_set');
    expect(event?.data).toMatchObject({ added: ['Agence Néon', 'Studio Nord'], removed: [], count: 2 });

    await t.gql(SET, { names: [] }, as(owner));
    expect((await t.gql(CHECK_TEXT, { id: account, text }, as(owner))).data!.checkPost.findings).toEqual([]);
  });

  it('refuses names too short or too many, and editors', async () => {
    expect((await t.gql(SET, { names: ['A'] }, as(owner))).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const many = Array.from({ length: 201 }, (_, i) => `Rival ${i}`);
    expect((await t.gql(SET, { names: many }, as(owner))).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const editor = await join(t, owner, 'EDITOR');
    expect((await t.gql(SET, { names: ['Agence Néon'] }, as(editor))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const list = (await t.gql(`{ competitors }`, {}, as(owner))).data!.competitors;
    expect((await t.gql(`{ competitors }`, {}, as(editor))).data!.competitors).toEqual(list); // staff may read it
  });
});

describe('the social media policy document and acknowledgements', () => {
  let t: TestApp;
  let owner: SignedIn;
  let member: SignedIn;
  const as = (who: SignedIn) => ({ token: who.token, organizationId: who.organizationId });
  const DRAFT = graphql(`
    mutation Policies10($input: UpdatePolicyDocumentDraftInput!) {
      updatePolicyDocumentDraft(input: $input) {
        id
        version
        status
      }
    }
  `);
  const PUBLISH_DOC = graphql(`
    mutation Policies11($input: PublishPolicyDocumentInput!) {
      publishPolicyDocument(input: $input) {
        id
        version
        status
        changeSummary
      }
    }
  `);
  const ACK = graphql(`
    mutation Policies12($id: ID!) {
      acknowledgePolicyDocument(versionId: $id) {
        versionId
        acknowledgedAt
      }
    }
  `);
  const CLEARANCE = graphql(`
    query Policies13 {
      postingClearance {
        allowed
        reason
        requiredVersionId
      }
    }
  `);
  const STATUS = graphql(`
    query Policies14 {
      policyDocumentStatus {
        mustAcknowledge
        acknowledgedAt
        current {
          version
        }
        lastAcknowledged {
          version
          body
        }
      }
    }
  `);

  beforeAll(async () => {
    t = await TestApp.start();
    owner = await t.signUp('doc');
    member = await join(t, owner, 'EDITOR', [], 'reader');
  });
  afterAll(() => t.close());

  it('gates posting until the current version is accepted, with a clear reason', async () => {
    expect((await t.gql(CLEARANCE, {}, as(member))).data?.postingClearance.allowed).toBe(true); // nothing published yet

    await t.gql(DRAFT, { input: { title: 'Charte', body: '# Charte\n\nSoyez courtois.' } }, as(owner));
    const v1 = (await t.gql(PUBLISH_DOC, { input: { changeSummary: 'Première version' } }, as(owner))).data!.publishPolicyDocument;
    expect(v1).toMatchObject({ version: 1, status: 'PUBLISHED' });

    const blocked = (await t.gql(CLEARANCE, {}, as(member))).data!.postingClearance;
    expect(blocked).toEqual({
      allowed: false,
      reason: 'Read and accept the social media policy (version 1) before submitting posts.',
      requiredVersionId: v1.id,
    });
    expect((await t.gql(ACK, { id: v1.id }, as(member))).errors).toBeUndefined();
    expect((await t.gql(CLEARANCE, {}, as(member))).data?.postingClearance.allowed).toBe(true);

    await t.gql(DRAFT, { input: { title: 'Charte', body: '# Charte\n\nSoyez courtois et prudents.' } }, as(owner));
    const v2 = (await t.gql(PUBLISH_DOC, { input: { changeSummary: 'Prudence' } }, as(owner))).data!.publishPolicyDocument;
    const status = (await t.gql(STATUS, {}, as(member))).data!.policyDocumentStatus;
    expect(status).toMatchObject({
      mustAcknowledge: true,
      acknowledgedAt: null,
      current: { version: 2 },
      lastAcknowledged: { version: 1, body: '# Charte\n\nSoyez courtois.' },
    });
    const stale = await t.gql(ACK, { id: v1.id }, as(member));
    expect(stale.errors?.[0].extensions.code).toBe('CONFLICT');
    await t.gql(ACK, { id: v2.id }, as(member));
    const again = await t.gql(ACK, { id: v2.id }, as(member));
    expect(again.errors).toBeUndefined(); // idempotent

    const list = await t.gql(
      graphql(`
        query Policies15($id: ID!) {
          policyAcknowledgements(versionId: $id) {
            name
            acknowledgedAt
          }
        }
      `),
      { id: v2.id },
      as(owner),
    );
    // The publisher accepted by publishing.
    expect(list.data?.policyAcknowledgements.map((e: any) => [e.name, e.acknowledgedAt !== null])).toEqual([
      ['Test doc', true],
      ['Test reader', true],
    ]);
    const forbidden = await t.gql(
      graphql(`
        query Policies16($id: ID!) {
          policyAcknowledgements(versionId: $id) {
            name
          }
        }
      `),
      { id: v2.id },
      as(member),
    );
    expect(forbidden.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const acks = (await auditActions(t, owner.organizationId)).filter((e) => e.action === 'policy_document.acknowledged');
    expect(acks).toHaveLength(2); // the reader's two; the publisher's acceptance is part of policy_document.published
  });

  it('reminds those who have not accepted, through the outbox, after the chosen delay', async () => {
    await t.gql(DRAFT, { input: { title: 'Charte', body: 'Version 3' } }, as(owner));
    const v3 = (await t.gql(PUBLISH_DOC, { input: { reminderAfterHours: 48 } }, as(owner))).data!.publishPolicyDocument;
    const [job] = await withAdmin(
      (admin) => admin.query(`select id, available_at - created_at as delay from outbox where topic = 'policy.reminder'`).then((r) => r.rows),
      t.database,
    );
    expect(job.delay.days ?? job.delay.hours / 24).toBe(2);
    expect(v3.version).toBe(3);
    // Make it due now; the sweep (every 200 ms in tests) runs it.
    await withAdmin((admin) => admin.query(`update outbox set available_at = now() where id = $1`, [job.id]), t.database);
    const deadline = Date.now() + 10_000;
    let mails: Array<{ to_address: string; subject: string }> = [];
    while (Date.now() < deadline && mails.length === 0) {
      mails = await withAdmin(
        (admin) => admin.query(`select to_address, subject from outbound_mail where kind = 'policy_reminder'`).then((r) => r.rows),
        t.database,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The publisher accepted by publishing; the reader has not yet.
    expect(mails).toEqual([{ to_address: member.email, subject: 'Please accept doc organization’s social media policy (version 3)' }]);
  });
});
