import type { LoggerService } from '@nestjs/common';
import { AccessGuard } from '../src/tenancy/access.guard';
import { REQUEST_LIMITS } from '../src/graphql/limits';
import { TestApp, type SignedIn } from './support/test-app';

/**
 * The limits every request meets before a resolver runs (docs/decisions/0005-request-limits.md):
 * request rates per person and per IP, query shape, cost, body size, and what is logged.
 */
async function post(base: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: JSON.parse(text) as { data?: any; errors?: Array<{ message: string; extensions: Record<string, unknown> }> },
  };
}
const bearer = (who: SignedIn) => ({ authorization: `Bearer ${who.token}`, 'x-organization-id': who.organizationId });

describe.each([
  ['Redis', true],
  ['in-process', false],
])('request rate per person and per IP (%s counters)', (_label, withRedis) => {
  it('answers 429 TOO_MANY_REQUESTS with Retry-After and retryAfter once a person or an IP is over', async () => {
    const t = await TestApp.start({
      requestLimits: { perUser: 5, perIp: 12, windowSeconds: 60 },
      ...(withRedis ? {} : { redisUrl: null }),
    });
    try {
      const base = await t.url();
      const alice = await t.signUp('alice');
      const bob = await t.signUp('bob');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await post(base, JSON.stringify({ query: '{ me { id } }' }), bearer(alice))).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await post(base, JSON.stringify({ query: '{ me { id } }' }), bearer(alice));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.json.errors?.[0].extensions).toEqual({ code: 'TOO_MANY_REQUESTS', retryAfter: Number(refused.headers.get('retry-after')) });
      // Another person is not held back by alice…
      expect((await post(base, JSON.stringify({ query: '{ me { id } }' }), bearer(bob))).status).toBe(200);
      // …but the IP all of them share reaches its own limit (12 requests, sign-ups included).
      let last = 200;
      for (let i = 0; i < 6 && last === 200; i++) last = (await post(base, JSON.stringify({ query: '{ __typename }' }))).status;
      expect(last).toBe(429);
    } finally {
      await t.close();
    }
  });
});

describe('query shape, cost and body limits', () => {
  let t: TestApp;
  let base: string;
  let owner: SignedIn;
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger: LoggerService = {
    log: () => undefined,
    warn: (message: unknown) => warnings.push(String(message)),
    error: (message: unknown, ...rest: unknown[]) => errors.push([message, ...rest].map(String).join(' ')),
  };

  beforeAll(async () => {
    t = await TestApp.start({}, [], logger);
    base = await t.url();
    owner = await t.signUp('limits');
  });
  afterAll(() => t.close());

  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;

  it('establishes the caller once per request, however many fields or aliases ask', async () => {
    const establish = jest.spyOn(AccessGuard.prototype as unknown as { establish: () => unknown }, 'establish');
    try {
      const res = await post(base, JSON.stringify({ query: aliases(REQUEST_LIMITS.maxAliases) }), bearer(owner));
      expect(res.status).toBe(200);
      expect(Object.keys(res.json.data)).toHaveLength(REQUEST_LIMITS.maxAliases);
      expect(establish).toHaveBeenCalledTimes(1);
      establish.mockClear();
      const mixed = await post(
        base,
        JSON.stringify({ query: `{ a: members { id } b: members { id } c: clients { edges { node { id } } } me { id } }` }),
        bearer(owner),
      );
      expect(mixed.json.errors).toBeUndefined();
      expect(establish).toHaveBeenCalledTimes(2); // the organization once, the account-level `me` once
    } finally {
      establish.mockRestore();
    }
  });

  it('refuses more aliases, depth or directives than the limits with HTTP 400', async () => {
    const nested = (levels: number) => `{ ${'me { memberships { organization { '.repeat(levels)} id ${'} } } '.repeat(levels)} }`;
    const cases = [
      aliases(REQUEST_LIMITS.maxAliases + 1),
      nested(4), // depth 12
      `{ me ${'@include(if: true) '.repeat(REQUEST_LIMITS.maxDirectives + 1)} { id } }`,
      `{ ${'__typename '.repeat(REQUEST_LIMITS.maxTokens + 10)} }`,
      'query{...A} fragment A on Query{...B} fragment B on Query{...A}',
      `mutation { createPolicy(input: { name: "x", rules: ${'['.repeat(REQUEST_LIMITS.maxNesting)}${']'.repeat(REQUEST_LIMITS.maxNesting)} }) { id } }`,
    ];
    for (const query of cases) {
      const res = await post(base, JSON.stringify({ query }), bearer(owner));
      expect({ query: query.slice(0, 60), status: res.status, code: res.json.errors?.[0].extensions.code }).toEqual({
        query: query.slice(0, 60),
        status: 400,
        code: 'BAD_USER_INPUT',
      });
    }
    expect((await post(base, JSON.stringify({ query: aliases(REQUEST_LIMITS.maxAliases) }), bearer(owner))).status).toBe(200);
  });

  it('refuses an operation over the cost limit with HTTP 400 before anything runs', async () => {
    // A plain string on purpose: the point is the server's refusal, not a typed answer.
    const query = `
      {
        a: socialAccounts(first: 200) {
          edges {
            node {
              id
              handle
              ownershipHistory {
                owner {
                  id
                  name
                  email
                }
                assignedAt
              }
              client {
                id
                name
              }
              owner {
                id
                name
              }
            }
          }
        }
        b: socialAccounts(first: 200) {
          edges {
            node {
              id
              handle
              ownershipHistory {
                owner {
                  id
                  name
                  email
                }
                assignedAt
              }
              client {
                id
                name
              }
              owner {
                id
                name
              }
            }
          }
        }
      }
    `;
    const res = await post(base, JSON.stringify({ query }), bearer(owner));
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX' });
  });

  it('answers variables of the wrong type with HTTP 400, signed in or not', async () => {
    const res = await post(base, JSON.stringify({ query: 'query($t: String!){ invitation(token: $t) { email } }', variables: { t: 12345 } }));
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers an oversized body with 413 and invalid JSON with 400, each with a code', async () => {
    const big = await post(base, JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(REQUEST_LIMITS.bodyBytes) } }));
    expect(big.status).toBe(413);
    expect(big.json.errors?.[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const broken = await post(base, '{"query": ');
    expect(broken.status).toBe(400);
    expect(broken.json.errors?.[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('logs a refused input as one warning line without a stack, and no error', async () => {
    warnings.length = 0;
    errors.length = 0;
    const res = await post(
      base,
      JSON.stringify({ query: 'mutation($i: LogInInput!) { logIn(input: $i) { accessToken } }', variables: { i: { email: 'a\u0000@b.c', password: 'x' } } }),
    );
    expect(res.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    const refused = warnings.filter((w) => w.includes('input.email'));
    expect(refused).toHaveLength(1);
    expect(refused[0]).not.toMatch(/\n\s+at /);
    expect(errors).toEqual([]);
  });
});

describe('field suggestions', () => {
  it.each([
    [false, true],
    [true, false],
  ])('production %s: "Did you mean" shown %s', async (production, shown) => {
    const t = await TestApp.start({ production });
    try {
      const res = await post(await t.url(), JSON.stringify({ query: '{ mee { id } }' }));
      expect(res.status).toBe(400);
      expect(/Did you mean/.test(res.json.errors?.[0].message ?? '')).toBe(shown);
    } finally {
      await t.close();
    }
  });
});
