import { graphql } from './gql';
import { ROLES, isClientRole, type Role } from '@clearpost/authz';
import { bodyOf, hostileCases, judge, protocolAbuse, sample, type HostileCase, type IdPools } from './support/hostile';
import { addAccount, createClient, INVITE, join } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

/**
 * Fuzz: every argument and input field of every operation of the committed schema gets hostile
 * values (wrong types, null, empty, 100k characters, NUL, lone surrogates, bidi and zero-width
 * characters, huge/negative/fractional numbers, bad dates and ids, JSON 10,000 deep, 10,000-item
 * lists, unknown enum values), anonymously and as each role; then the protocol is abused. Any 5xx,
 * INTERNAL_SERVER_ERROR, error without a code, stack trace or SQL in a response, or a response
 * slower than a stall, fails; so does /health not answering afterwards.
 *
 * On PostgreSQL the owner and anonymous callers get every case and each other role a sample per
 * operation; embedded (PGlite runs statements one at a time) gets a smaller sample of each.
 */
const STALL_MS = 15_000;

interface Identity {
  label: string;
  headers: Record<string, string>;
}

async function seed(t: TestApp): Promise<{ identities: Identity[]; ids: IdPools }> {
  const owner = await t.signUp('fuzz');
  const acme = await createClient(t, owner, 'Acme', ['Falcon']);
  const globex = await createClient(t, owner, 'Globex');
  const people = new Map<Role, SignedIn>([['OWNER', owner]]);
  for (const role of ROLES.filter((r) => r !== 'OWNER')) people.set(role, await join(t, owner, role, isClientRole(role) ? [acme] : []));
  // Targets for operations that take a member: never one of the identities above.
  const extra = await join(t, owner, 'MEMBER', [], 'target');
  const account = await addAccount(t, owner, { handle: 'fuzz_brand', clientId: acme, ownerId: extra.userId });
  const as = { token: owner.token, organizationId: owner.organizationId };
  const invited = await t.gql(INVITE, { input: { email: 'pending@example.test', role: 'EDITOR' } }, as);
  const policy = await t.gql(
    graphql(`
      mutation HostileInput1 {
        createPolicy(input: { name: "Fuzz policy", templateId: "sme-social-media-policy-en" }) {
          id
        }
      }
    `),
    {},
    as,
  );
  await t.gql(
    graphql(`
      mutation HostileInput2 {
        updatePolicyDocumentDraft(input: { title: "Charte", body: "Soyez courtois." }) {
          id
        }
      }
    `),
    {},
    as,
  );
  const published = await t.gql(
    graphql(`
      mutation HostileInput3 {
        publishPolicyDocument(input: {}) {
          id
        }
      }
    `),
    {},
    as,
  );
  const policies = await t.gql(
    graphql(`
      query HostileInput4 {
        policies {
          id
        }
      }
    `),
    {},
    as,
  );
  const identities: Identity[] = [
    { label: 'anonymous', headers: {} },
    ...[...people].map(([role, who]) => ({ label: role, headers: { authorization: `Bearer ${who.token}`, 'x-organization-id': who.organizationId } })),
  ];
  return {
    identities,
    ids: {
      client: [acme, globex],
      account: [account],
      member: [extra.userId],
      invitation: [invited.data?.inviteMember.id].filter((id): id is string => !!id),
      policy: [policy.data?.createPolicy.id ?? policies.data?.policies[0]?.id].filter((id): id is string => !!id),
      policyDocumentVersion: [published.data?.publishPolicyDocument.id].filter((id): id is string => !!id),
      user: [owner.userId],
    },
  };
}

interface Outcome {
  label: string;
  status: number;
  text: string;
}

async function send(base: string, identity: Identity, body: string, label: string): Promise<Outcome> {
  const started = Date.now();
  try {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...identity.headers },
      body,
      signal: AbortSignal.timeout(STALL_MS),
    });
    return { label: `${identity.label} ${label}`, status: res.status, text: await res.text() };
  } catch (error) {
    return { label: `${identity.label} ${label}`, status: 599, text: `no answer after ${Date.now() - started} ms: ${(error as Error).message}` };
  }
}

/** Runs `cases` with `concurrency` requests in flight; returns every outcome. */
async function runAll(base: string, identity: Identity, cases: HostileCase[], concurrency: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cases.length) {
        const item = cases[next++];
        outcomes.push(await send(base, identity, item.body, item.label));
      }
    }),
  );
  return outcomes;
}

const failures = (outcomes: Outcome[]) =>
  outcomes.flatMap((o) => {
    const verdict = judge(o.status, o.text);
    return verdict.ok ? [] : [`${o.label}: ${verdict.reason}`];
  });

describe.each([
  ['PostgreSQL', false, { fullFor: ['anonymous', 'OWNER'], perOperation: 6, concurrency: 4 }],
  ['embedded PGlite', true, { fullFor: [] as string[], perOperation: 10, concurrency: 2 }],
])('hostile input on every operation (%s)', (_mode, embedded, plan) => {
  let t: TestApp;
  let base: string;
  let identities: Identity[];
  let ids: IdPools;

  beforeAll(async () => {
    t = embedded ? await TestApp.startEmbedded() : await TestApp.start();
    base = await t.url();
    ({ identities, ids } = await seed(t));
  }, 120_000);
  afterAll(() => t?.close());

  it('answers every hostile value, as every caller, with a 4xx or a coded error — never a 5xx, a stack or SQL', async () => {
    const all = hostileCases(ids, { skip: ['Mutation.logOut', 'Mutation.refreshSession'] });
    const operations = new Set(all.map((c) => c.operation));
    expect(operations.size).toBeGreaterThanOrEqual(45);
    const problems: string[] = [];
    let sent = 0;
    let answeredWithData = 0;
    for (const [index, identity] of identities.entries()) {
      const cases = plan.fullFor.includes(identity.label) ? all : sample(all, plan.perOperation, 1000 + index, (c) => c.operation);
      const outcomes = await runAll(base, identity, cases, plan.concurrency);
      sent += outcomes.length;
      answeredWithData += outcomes.filter((o) => o.status === 200 && /"data":\{/.test(o.text) && !o.text.includes('"errors"')).length;
      problems.push(...failures(outcomes));
    }
    expect(problems.slice(0, 25)).toEqual([]);
    expect(sent).toBeGreaterThan(embedded ? 400 : 3000);
    expect(answeredWithData).toBeGreaterThan(20); // plausible requests do get through: the fuzz reaches resolvers
  }, 600_000);

  it('names the field at fault for the hostile values that used to crash', async () => {
    const owner = identities.find((i) => i.label === 'OWNER')!;
    const expectations: Array<[string, Record<string, unknown>, string]> = [
      [`mutation($i: UpdateClientInput!) { updateClient(input: $i) { id } }`, { i: { id: ids.client[0], name: null } }, 'input.name'],
      [`mutation($i: UpdateClientInput!) { updateClient(input: $i) { id } }`, { i: { id: ids.client[0], confidentialTerms: null } }, 'input.confidentialTerms'],
      [`query($s: String) { clients(filter: { search: $s }) { edges { node { id } } } }`, { s: 'a\u0000' }, 'filter.search'],
      [`mutation($i: LogInInput!) { logIn(input: $i) { accessToken } }`, { i: { email: 'a\u0000@b.c', password: 'x' } }, 'input.email'],
      [
        `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }`,
        { i: { email: 'x\ud800@b.c', password: 'a long password', name: 'n', organizationName: 'o' } },
        'input.email',
      ],
      [`mutation($i: CreatePolicyInput!) { createPolicy(input: $i) { id } }`, { i: { name: 'Deep', rules: '__deep_10000__' } }, 'input.rules'],
      // Ids taken as strings: 36 dashes have an id's length, not its syntax.
      [`query($a: String) { sandboxFeed(accountId: $a) { edges { node { id } } } }`, { a: '-'.repeat(36) }, 'accountId'],
      [`query($w: String!) { webhookDeliveries(webhookId: $w) { id } }`, { w: '-'.repeat(36) }, 'webhookId'],
    ];
    for (const [query, variables, field] of expectations) {
      const res = await send(base, owner, bodyOf(query, variables), field);
      const body = JSON.parse(res.text);
      expect({ field, code: body.errors?.[0]?.extensions?.code, named: String(body.errors?.[0]?.extensions?.field ?? '').startsWith(field) }).toEqual({
        field,
        code: 'BAD_USER_INPUT',
        named: true,
      });
    }
  });

  it('refuses protocol abuse with a 4xx and a code', async () => {
    const problems: string[] = [];
    for (const identity of [identities[0], identities.find((i) => i.label === 'CLIENT_VIEWER')!]) {
      for (const abuse of protocolAbuse()) {
        const res = await fetch(`${base}${abuse.path ?? '/graphql'}`, {
          method: abuse.method,
          headers: { ...(abuse.method === 'POST' ? { 'content-type': abuse.contentType ?? 'application/json' } : {}), ...identity.headers },
          body: abuse.body,
          signal: AbortSignal.timeout(STALL_MS),
        }).catch((error: Error) => ({ status: 599, text: async () => error.message }));
        const text = await res.text();
        const verdict = judge(res.status, text);
        if (!verdict.ok) problems.push(`${identity.label} ${abuse.label}: ${verdict.reason}`);
        else if (abuse.label !== 'harmless shallow query' && res.status === 200 && !text.includes('"errors"')) {
          problems.push(`${identity.label} ${abuse.label}: accepted (${text.slice(0, 120)})`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('is still healthy and answers a plain request afterwards', async () => {
    const health = await fetch(`${base}/health`, { signal: AbortSignal.timeout(STALL_MS) });
    expect(health.status).toBe(200);
    const me = await send(
      base,
      identities.find((i) => i.label === 'OWNER')!,
      JSON.stringify({ query: '{ me { id } }' }),
      'me',
    );
    expect(JSON.parse(me.text).data.me.id).toEqual(expect.any(String));
  });
});
