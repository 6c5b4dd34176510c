import { graphql } from './gql';
import request from 'supertest';
import { withAdmin } from './support/databases';
import { refreshCookie, TestApp, type SignedIn, untyped } from './support/test-app';

const LOG_IN = graphql(`
  mutation Auth1($input: LogInInput!) {
    logIn(input: $input) {
      accessToken
      expiresIn
      user {
        id
        email
        name
      }
    }
  }
`);
const SIGN_UP = graphql(`
  mutation Auth2($input: SignUpInput!) {
    signUp(input: $input) {
      accessToken
      user {
        id
        email
        name
        memberships {
          role
          organization {
            id
            name
          }
        }
      }
    }
  }
`);
const REFRESH = graphql(`
  mutation Auth3 {
    refreshSession {
      accessToken
      user {
        id
      }
    }
  }
`);
const LOG_OUT = graphql(`
  mutation Auth4 {
    logOut
  }
`);
const ME = graphql(`
  query Auth5 {
    me {
      id
      email
      name
      memberships {
        role
        permissions
        organization {
          id
          name
        }
      }
    }
  }
`);
const EVENTS = graphql(`
  query Auth6($filter: AuditEventFilter) {
    auditEvents(first: 50, filter: $filter) {
      edges {
        node {
          seq
          action
          actor {
            id
          }
          data
        }
      }
    }
  }
`);

describe('authentication and sessions (API, real PostgreSQL + Redis)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  async function actions(who: SignedIn, filter: Record<string, unknown> = {}): Promise<string[]> {
    const res = await t.gql(EVENTS, { filter }, { token: who.token, organizationId: who.organizationId });
    return res.data!.auditEvents.edges.map((e: any) => e.node.action);
  }

  describe('sign-up', () => {
    it('creates the user, an organization and an OWNER membership, and starts the audit chain', async () => {
      const res = await t.gql(SIGN_UP, {
        input: { email: '  Grace@Example.TEST ', password: 'a sufficiently long one', name: ' Grace Hopper ', organizationName: 'Hopper & Co' },
      });
      expect(res.errors).toBeUndefined();
      const { user, accessToken } = res.data!.signUp;
      expect(user).toMatchObject({
        email: 'grace@example.test',
        name: 'Grace Hopper',
        memberships: [{ role: 'OWNER', organization: { name: 'Hopper & Co' } }],
      });
      expect(accessToken.split('.')).toHaveLength(3);

      const cookie = res.setCookie.find((c) => c.startsWith('clearpost_refresh='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/graphql/);
      expect(cookie).not.toMatch(/Secure/); // only in production

      const organizationId = user.memberships[0].organization.id;
      const events = await t.gql(EVENTS, {}, { token: accessToken, organizationId });
      expect(events.data!.auditEvents.edges.map((e: any) => [e.node.seq, e.node.action])).toEqual([
        [3, 'auth.signed_in'],
        [2, 'member.added'],
        [1, 'organization.created'],
      ]);
    });

    it('refuses a second account with the same email, whatever its case', async () => {
      const first = await t.signUp('dupe');
      const res = await t.gql(SIGN_UP, { input: { email: first.email.toUpperCase(), password: 'another long password', name: 'X', organizationName: 'Y' } });
      expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
    });

    it.each([
      ['email', { email: 'not-an-email' }, 'Enter a valid email address.'],
      ['password', { password: 'short' }, 'Password must be at least 10 characters.'],
      ['name', { name: '   ' }, 'Name must be 1 to 100 characters.'],
      ['organizationName', { organizationName: 'x'.repeat(101) }, 'Organization name must be 1 to 100 characters.'],
    ])('explains what is wrong with %s', async (field, override, message) => {
      const input = { email: 'valid@example.test', password: 'long enough password', name: 'Valid', organizationName: 'Valid', ...override };
      const res = await t.gql(SIGN_UP, { input });
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field } });
    });

    it('reports a missing or mistyped variable as BAD_USER_INPUT without internals', async () => {
      const res = await t.gql(untyped(SIGN_UP), { input: { email: 'x@example.test' } });
      expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors)).not.toMatch(/stack|at Object|node_modules/);
    });
  });

  describe('sign-in', () => {
    it('signs in, and records auth.signed_in in every organization of the user', async () => {
      const user = await t.signUp('login');
      const res = await t.gql(LOG_IN, { input: { email: user.email.toUpperCase(), password: user.password } });
      expect(res.data!.logIn).toMatchObject({ expiresIn: 900, user: { id: user.userId, email: user.email } });
      expect(refreshCookie(res.setCookie)).toMatch(/^clearpost_refresh=/);
      const events = await t.gql(EVENTS, { filter: { action: 'auth.signed_in' } }, { token: user.token, organizationId: user.organizationId });
      expect(events.data!.auditEvents.edges.map((e: any) => e.node.data.via)).toEqual(['password', 'sign_up']);
    });

    it('gives the same answer for an unknown email and a wrong password, and audits the known user’s failure', async () => {
      const user = await t.signUp('wrong');
      const unknown = await t.gql(LOG_IN, { input: { email: 'nobody@example.test', password: user.password } });
      const wrong = await t.gql(LOG_IN, { input: { email: user.email, password: 'not the password' } });
      expect(unknown.errors![0]).toMatchObject({ message: 'Email or password is incorrect.', extensions: { code: 'UNAUTHENTICATED' } });
      expect(wrong.errors).toEqual(unknown.errors);
      expect(unknown.setCookie.some((c) => c.startsWith('clearpost_refresh='))).toBe(false);
      expect(await actions(user, { action: 'auth.sign_in_failed' })).toEqual(['auth.sign_in_failed']);
    });

    it('records a failed sign-in in each of the user’s organizations', async () => {
      const user = await t.signUp('multi');
      const second = await t.gql(
        graphql(`
          mutation Auth7 {
            createOrganization(input: { name: "Second" }) {
              id
              name
            }
          }
        `),
        {},
        { token: user.token },
      );
      const secondId = second.data!.createOrganization.id;
      await t.gql(LOG_IN, { input: { email: user.email, password: 'not the password' } });
      expect(await actions(user, { action: 'auth.sign_in_failed' })).toHaveLength(1);
      expect(await actions({ ...user, organizationId: secondId }, { action: 'auth.sign_in_failed' })).toHaveLength(1);
    });
  });

  describe('refresh tokens', () => {
    it('rotates the refresh token; the new access token works', async () => {
      const user = await t.signUp('rotate');
      const res = await t.gql(REFRESH, {}, { cookie: user.cookie });
      expect(res.errors).toBeUndefined();
      const rotated = refreshCookie(res.setCookie);
      expect(rotated).toMatch(/^clearpost_refresh=/);
      expect(rotated).not.toBe(user.cookie);
      const me = await t.gql(ME, {}, { token: res.data!.refreshSession.accessToken });
      expect(me.data!.me.id).toBe(user.userId);
      const again = await t.gql(REFRESH, {}, { cookie: rotated! });
      expect(again.errors).toBeUndefined();
    });

    it('presenting an already-rotated token revokes the whole session family and is audited', async () => {
      const user = await t.signUp('replay');
      const first = await t.gql(REFRESH, {}, { cookie: user.cookie });
      const current = refreshCookie(first.setCookie)!;
      const newAccess = first.data!.refreshSession.accessToken;

      const replay = await t.gql(REFRESH, {}, { cookie: user.cookie }); // the stolen, already-used token
      expect(replay.errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect(replay.setCookie.some((c) => /^clearpost_refresh=;/.test(c))).toBe(true);

      // The legitimate holder's newer token and access token are dead too.
      expect((await t.gql(REFRESH, {}, { cookie: current })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await t.gql(ME, {}, { token: newAccess })).errors![0].extensions.code).toBe('UNAUTHENTICATED');

      const relog = await t.gql(LOG_IN, { input: { email: user.email, password: user.password } });
      const events = await t.gql(
        EVENTS,
        { filter: { action: 'auth.refresh_reuse_detected' } },
        {
          token: relog.data!.logIn.accessToken,
          organizationId: user.organizationId,
        },
      );
      expect(events.data!.auditEvents.edges).toHaveLength(1);
    });

    it('refuses a missing, malformed or forged refresh token', async () => {
      const user = await t.signUp('forged');
      const [id] = user.cookie.replace('clearpost_refresh=', '').split('.');
      // Dashes where the id goes have the id's shape, not its syntax: refused before any SQL reads them.
      for (const cookie of [
        undefined,
        'clearpost_refresh=garbage',
        `clearpost_refresh=${id}.${'A'.repeat(43)}`,
        `clearpost_refresh=${'-'.repeat(36)}.${'A'.repeat(43)}`,
      ]) {
        const res = await t.gql(REFRESH, {}, { cookie });
        expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
      }
      // A forged secret is not a replay: the real session lives on.
      expect((await t.gql(REFRESH, {}, { cookie: user.cookie })).errors).toBeUndefined();
    });
  });

  describe('sign-out', () => {
    it('ends the session at once: refresh and access tokens stop working; audited', async () => {
      const user = await t.signUp('logout');
      const res = await t.gql(LOG_OUT, {}, { cookie: user.cookie, token: user.token });
      expect(res.data!.logOut).toBe(true);
      expect(res.setCookie.some((c) => /^clearpost_refresh=;/.test(c))).toBe(true);
      expect((await t.gql(REFRESH, {}, { cookie: user.cookie })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await t.gql(ME, {}, { token: user.token })).errors![0]).toMatchObject({
        message: 'Your session has ended. Please sign in again.',
        extensions: { code: 'UNAUTHENTICATED' },
      });
      const relog = await t.gql(LOG_IN, { input: { email: user.email, password: user.password } });
      const token = relog.data!.logIn.accessToken;
      expect(await actions({ ...user, token }, { action: 'auth.signed_out' })).toEqual(['auth.signed_out']);
    });

    it('is idempotent without any session', async () => {
      expect((await t.gql(LOG_OUT)).data).toEqual({ logOut: true });
    });
  });

  describe('access tokens and tenancy', () => {
    let alice: SignedIn;
    let bob: SignedIn;

    beforeAll(async () => {
      alice = await t.signUp('alice');
      bob = await t.signUp('bob');
    });

    it('requires a valid token', async () => {
      expect((await t.gql(ME)).errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: 'Please sign in to continue.' });
      expect((await t.gql(ME, {}, { token: 'not.a.token' })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
      const otherKey = alice.token.slice(0, alice.token.lastIndexOf('.') + 1) + 'AAAA';
      expect((await t.gql(ME, {}, { token: otherKey })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('me lists the caller’s memberships with their permissions', async () => {
      const res = await t.gql(ME, {}, { token: alice.token });
      expect(res.data!.me).toMatchObject({
        id: alice.userId,
        memberships: [{ role: 'OWNER', organization: { id: alice.organizationId }, permissions: expect.arrayContaining(['audit.read']) }],
      });
    });

    it('another organization’s X-Organization-Id is FORBIDDEN, whatever the operation', async () => {
      for (const query of [untyped(EVENTS), `{ verifyAuditChain { ok } }`, `mutation { updateOrganization(input: { name: "Hijacked" }) { id } }`]) {
        const res = await t.gql(query, {}, { token: alice.token, organizationId: bob.organizationId });
        expect(res.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: 'You are not a member of this organization.' });
        expect(res.data).toBeNull();
      }
      const unknown = await t.gql(EVENTS, {}, { token: alice.token, organizationId: '11111111-2222-4333-8444-555555555555' });
      expect(unknown.errors![0].extensions.code).toBe('FORBIDDEN');
      const garbage = await t.gql(EVENTS, {}, { token: alice.token, organizationId: "x' or 1=1 --" });
      expect(garbage.errors![0].extensions.code).toBe('FORBIDDEN');
    });

    it('a tenant-scoped operation without X-Organization-Id says what is missing', async () => {
      const res = await t.gql(EVENTS, {}, { token: alice.token });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'X-Organization-Id' });
    });

    it('only OWNER, ADMIN and COMPLIANCE read the audit trail', async () => {
      const staff = await t.signUp('staff');
      for (const role of ['OWNER', 'ADMIN', 'COMPLIANCE', 'APPROVER', 'EDITOR', 'MEMBER']) {
        await withAdmin(
          (admin) =>
            admin.query(
              `insert into membership (organization_id, user_id, role) values ($1, $2, $3)
               on conflict (organization_id, user_id) do update set role = excluded.role`,
              [alice.organizationId, staff.userId, role],
            ),
          t.database,
        );
        const res = await t.gql(EVENTS, {}, { token: staff.token, organizationId: alice.organizationId });
        const verify = await t.gql(
          graphql(`
            query Auth8 {
              verifyAuditChain {
                ok
              }
            }
          `),
          {},
          { token: staff.token, organizationId: alice.organizationId },
        );
        if (['OWNER', 'ADMIN', 'COMPLIANCE'].includes(role)) {
          expect(res.errors).toBeUndefined();
          expect(verify.data!.verifyAuditChain.ok).toBe(true);
        } else {
          expect(res.errors![0].extensions.code).toBe('FORBIDDEN');
          expect(verify.errors![0].extensions.code).toBe('FORBIDDEN');
        }
      }
    });

    it('createOrganization makes the caller OWNER and starts a separate chain', async () => {
      const res = await t.gql(
        graphql(`
          mutation Auth9 {
            createOrganization(input: { name: "  Second Agency " }) {
              id
              name
            }
          }
        `),
        {},
        { token: alice.token },
      );
      const org = res.data!.createOrganization;
      expect(org.name).toBe('Second Agency');
      const me = await t.gql(ME, {}, { token: alice.token });
      expect(me.data!.me.memberships.map((m: any) => [m.organization.name, m.role])).toEqual(expect.arrayContaining([['Second Agency', 'OWNER']]));
      expect(await actions({ ...alice, organizationId: org.id })).toEqual(['member.added', 'organization.created']);
    });
  });

  describe('hardening', () => {
    it('refuses over-costly queries and oversized bodies', async () => {
      const user = await t.signUp('hard');
      const as = { token: user.token, organizationId: user.organizationId };
      const page = `edges { node { id seq action actor { id name } data hash prevHash occurredAt targetId targetType } }`;
      const costly = `{ ${Array.from({ length: 4 }, (_, i) => `a${i}: auditEvents(first: 200) { ${page} }`).join(' ')} }`;
      const refused = await t.gql(costly, {}, as);
      expect(refused.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(refused.errors![0].message).toMatch(/too complex/);
      expect((await t.gql(`{ auditEvents(first: 200) { ${page} } }`, {}, as)).errors).toBeUndefined();

      const huge = await request(t.http)
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: `{ me { id } }`, variables: { pad: 'x'.repeat(300_000) } });
      expect(huge.status).toBe(413);
    });

    it('blocks cross-site GET/form requests (CSRF prevention) and sets security headers', async () => {
      const res = await request(t.http).get('/graphql').query({ query: '{ __typename }' });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/CSRF|preflight/i);
      const health = await request(t.http).get('/health');
      expect(health.headers['x-content-type-options']).toBe('nosniff');
      expect(health.headers['content-security-policy']).toMatch(/script-src 'self'/);
    });
  });
});

describe('sign-in rate limit (Redis counters)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ signInLimits: { perEmail: 3, perIp: 6, windowSeconds: 600 } });
  });
  afterAll(() => t.close());

  it('limits failures per email with the same answer for known and unknown emails', async () => {
    const user = await t.signUp('limited');
    for (let i = 0; i < 3; i++) {
      const res = await t.gql(LOG_IN, { input: { email: user.email, password: 'wrong password!' } });
      expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await t.gql(LOG_IN, { input: { email: user.email, password: user.password } });
    expect(blocked.errors![0]).toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS' } });
    expect(blocked.errors![0].message).toMatch(/Too many attempts/);
    expect(blocked.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(0);

    // The counters live in Redis, shared by every API instance.
    const redisKeys = await (t.app.get(require('../src/redis/redis.module').REDIS) as import('ioredis').default).keys(`${t.config.redisPrefix}:rl:*`);
    expect(redisKeys.length).toBeGreaterThan(0);
  });

  it('limits failures per IP across emails, unknown ones included', async () => {
    for (let i = 0; i < 3; i++) {
      await t.gql(LOG_IN, { input: { email: `ghost${i}@example.test`, password: 'whatever it is' } });
    }
    const res = await t.gql(LOG_IN, { input: { email: 'ghost-last@example.test', password: 'whatever it is' } });
    expect(res.errors![0].extensions.code).toBe('TOO_MANY_REQUESTS');
  });
});
