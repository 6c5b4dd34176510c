import { graphql } from './gql';
import { withAdmin } from './support/databases';
import { ACCEPT, INVITE, addAccount, auditActions, createClient, join, tokenFromMail } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

const MEMBERS = graphql(`
  query Members1 {
    members {
      id
      name
      email
      role
      ownedAccountCount
      clients {
        id
        name
      }
    }
  }
`);
const UPDATE_ROLE = graphql(`
  mutation Members2($input: UpdateMemberRoleInput!) {
    updateMemberRole(input: $input) {
      id
      role
      clients {
        id
      }
    }
  }
`);
const REMOVE = graphql(`
  mutation Members3($id: ID!) {
    removeMember(memberId: $id) {
      accountsNeedingOwner
      member {
        id
        removedAt
      }
    }
  }
`);
const PREVIEW = graphql(`
  query Members4($token: String!) {
    invitation(token: $token) {
      organizationName
      email
      role
      invitedByName
      accountExists
      expiresAt
    }
  }
`);

describe('members and invitations', () => {
  let t: TestApp;
  let owner: SignedIn;
  const as = (who: SignedIn) => ({ token: who.token, organizationId: who.organizationId });
  const email = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}@example.test`;

  beforeAll(async () => {
    t = await TestApp.start();
    owner = await t.signUp('owner');
  });
  afterAll(() => t.close());

  it('invites by email; the new person follows the mailed link, creates their account and joins with the role', async () => {
    const address = email('Editor').toUpperCase();
    const invited = await t.gql(INVITE, { input: { email: address, role: 'EDITOR' } }, as(owner));
    expect(invited.data?.inviteMember).toMatchObject({ email: address.toLowerCase(), role: 'EDITOR', status: 'PENDING' });
    const days = (Date.parse(invited.data!.inviteMember.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    const token = await tokenFromMail(t, address.toLowerCase());
    const preview = await t.gql(PREVIEW, { token });
    expect(preview.data?.invitation).toMatchObject({
      organizationName: 'owner organization',
      role: 'EDITOR',
      invitedByName: 'Test owner',
      accountExists: false,
    });

    const accepted = await t.gql(ACCEPT, { input: { token, name: 'Eddie Editor', password: 'a long enough password' } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptInvitation).toMatchObject({ role: 'EDITOR', organization: { id: owner.organizationId } });
    const editorToken = accepted.data!.acceptInvitation.auth!.accessToken;
    expect(accepted.setCookie.some((c) => c.startsWith('clearpost_refresh='))).toBe(true);

    const me = await t.gql(
      `{ me { role permissions memberships { role organization { id } } } }`,
      {},
      { token: editorToken, organizationId: owner.organizationId },
    );
    expect(me.data?.me.role).toBe('EDITOR');
    expect(me.data?.me.permissions).toContain('account.register');
    expect(me.data?.me.permissions).not.toContain('member.invite');

    const members = await t.gql(MEMBERS, {}, as(owner));
    expect(members.data?.members.map((m: any) => [m.name, m.role])).toEqual(
      expect.arrayContaining([
        ['Eddie Editor', 'EDITOR'],
        ['Test owner', 'OWNER'],
      ]),
    );
    const actions = (await auditActions(t, owner.organizationId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['member.invited', 'member.joined']));
  });

  it('a link works once: reuse, tampering, expiry and revocation are refused with a reason', async () => {
    const member = await join(t, owner, 'MEMBER');
    const usedToken = await tokenFromMail(t, member.email);
    const reuse = await t.gql(ACCEPT, { input: { token: usedToken, name: 'Again', password: 'a long enough password' } });
    expect(reuse.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'USED' });

    const address = email('late');
    await t.gql(INVITE, { input: { email: address, role: 'MEMBER' } }, as(owner));
    const token = await tokenFromMail(t, address);
    const [ids, secret] = token.split('.');
    const tampered = `${ids}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const bad = await t.gql(ACCEPT, { input: { token: tampered, name: 'X', password: 'a long enough password' } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID' });
    const garbage = await t.gql(PREVIEW, { token: 'not-a-token' });
    expect(garbage.errors?.[0].extensions).toMatchObject({ reason: 'INVALID' });

    await withAdmin((admin) => admin.query(`update invitation set expires_at = now() - interval '1 minute' where email = $1`, [address]), t.database);
    const expired = await t.gql(ACCEPT, { input: { token, name: 'X', password: 'a long enough password' } });
    expect(expired.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EXPIRED' });
    expect(expired.errors?.[0].message).toMatch(/Ask Test owner to send a new one/);

    const listed = await t.gql(
      graphql(`
        query Members5 {
          invitations {
            id
            email
            status
          }
        }
      `),
      {},
      as(owner),
    );
    const invitation = listed.data?.invitations.find((i: any) => i.email === address);
    expect(invitation!.status).toBe('EXPIRED');
    const resent = await t.gql(
      graphql(`
        mutation Members6($id: ID!) {
          resendInvitation(id: $id) {
            status
            sentCount
          }
        }
      `),
      { id: invitation!.id },
      as(owner),
    );
    expect(resent.data?.resendInvitation).toEqual({ status: 'PENDING', sentCount: 2 });
    const fresh = await tokenFromMail(t, address);
    expect(fresh).not.toBe(token);
    const old = await t.gql(ACCEPT, { input: { token, name: 'X', password: 'a long enough password' } });
    expect(old.errors?.[0].extensions).toMatchObject({ reason: 'INVALID' }); // the resent link replaced it

    const revoked = await t.gql(
      graphql(`
        mutation Members7($id: ID!) {
          revokeInvitation(id: $id) {
            status
          }
        }
      `),
      { id: invitation!.id },
      as(owner),
    );
    expect(revoked.data?.revokeInvitation.status).toBe('REVOKED');
    const afterRevoke = await t.gql(ACCEPT, { input: { token: fresh, name: 'X', password: 'a long enough password' } });
    expect(afterRevoke.errors?.[0].extensions).toMatchObject({ reason: 'REVOKED' });
    expect(await withAdmin((admin) => admin.query(`select 1 from app_user where email = $1`, [address]).then((r) => r.rowCount), t.database)).toBe(0);
  });

  it('stores only a hash of the token', async () => {
    const address = email('hash');
    await t.gql(INVITE, { input: { email: address, role: 'MEMBER' } }, as(owner));
    const token = await tokenFromMail(t, address);
    const [row] = await withAdmin((admin) => admin.query(`select token_hash from invitation where email = $1`, [address]).then((r) => r.rows), t.database);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(token).not.toContain(row.token_hash);
    expect(row.token_hash).not.toContain(token.split('.')[1]);
  });

  it('an existing user accepts while signed in and joins a second organization; the link is bound to the invited email', async () => {
    const other = await t.signUp('other');
    await t.gql(INVITE, { input: { email: other.email, role: 'APPROVER' } }, as(owner));
    const token = await tokenFromMail(t, other.email);

    const preview = await t.gql(PREVIEW, { token });
    expect(preview.data?.invitation.accountExists).toBe(true);
    const anonymous = await t.gql(ACCEPT, { input: { token, name: 'X', password: 'a long enough password' } });
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ACCOUNT_EXISTS' });

    const stranger = await t.signUp('stranger');
    const wrongPerson = await t.gql(ACCEPT, { input: { token } }, { token: stranger.token });
    expect(wrongPerson.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(wrongPerson.errors?.[0].message).toContain(other.email);

    const accepted = await t.gql(ACCEPT, { input: { token } }, { token: other.token });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptInvitation).toMatchObject({ role: 'APPROVER', auth: null });
    const me = await t.gql(
      graphql(`
        query Members8 {
          me {
            memberships {
              role
              organization {
                id
              }
            }
          }
        }
      `),
      {},
      { token: other.token },
    );
    expect(me.data?.me.memberships.map((m: any) => m.organization.id).sort()).toEqual([owner.organizationId, other.organizationId].sort());
  });

  it('refuses to invite someone twice, an existing member, or a client role without a client', async () => {
    const address = email('twice');
    expect((await t.gql(INVITE, { input: { email: address, role: 'MEMBER' } }, as(owner))).errors).toBeUndefined();
    const twice = await t.gql(INVITE, { input: { email: address, role: 'MEMBER' } }, as(owner));
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
    const already = await t.gql(INVITE, { input: { email: owner.email, role: 'MEMBER' } }, as(owner));
    expect(already.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
    const noClient = await t.gql(INVITE, { input: { email: email('client'), role: 'CLIENT_VIEWER' } }, as(owner));
    expect(noClient.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientIds' });
    const badEmail = await t.gql(INVITE, { input: { email: 'nope', role: 'MEMBER' } }, as(owner));
    expect(badEmail.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
  });

  it('only an owner grants the owner role; the last owner can be neither demoted nor removed', async () => {
    const admin = await join(t, owner, 'ADMIN');
    const promote = await t.gql(UPDATE_ROLE, { input: { memberId: admin.userId, role: 'OWNER' } }, as(admin));
    expect(promote.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const demoteOwner = await t.gql(UPDATE_ROLE, { input: { memberId: owner.userId, role: 'MEMBER' } }, as(admin));
    expect(demoteOwner.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const inviteOwner = await t.gql(INVITE, { input: { email: email('o'), role: 'OWNER' } }, as(admin));
    expect(inviteOwner.errors?.[0].extensions.code).toBe('FORBIDDEN');

    const selfDemote = await t.gql(UPDATE_ROLE, { input: { memberId: owner.userId, role: 'ADMIN' } }, as(owner));
    expect(selfDemote.errors?.[0].extensions.code).toBe('CONFLICT');
    const selfRemove = await t.gql(REMOVE, { id: owner.userId }, as(owner));
    expect(selfRemove.errors?.[0].extensions.code).toBe('CONFLICT');

    // With a second owner, the first may step down.
    expect((await t.gql(UPDATE_ROLE, { input: { memberId: admin.userId, role: 'OWNER' } }, as(owner))).errors).toBeUndefined();
    const stepDown = await t.gql(UPDATE_ROLE, { input: { memberId: owner.userId, role: 'ADMIN' } }, as(owner));
    expect(stepDown.data?.updateMemberRole.role).toBe('ADMIN');
    const lastOne = await t.gql(UPDATE_ROLE, { input: { memberId: admin.userId, role: 'ADMIN' } }, as(admin));
    expect(lastOne.errors?.[0].extensions.code).toBe('CONFLICT');
    // Restore for the other tests.
    expect((await t.gql(UPDATE_ROLE, { input: { memberId: owner.userId, role: 'OWNER' } }, as(admin))).errors).toBeUndefined();
    const roles = (await auditActions(t, owner.organizationId)).filter((e) => e.action === 'member.role_changed').map((e) => e.data);
    expect(roles).toEqual(
      expect.arrayContaining([
        { from: 'ADMIN', to: 'OWNER' },
        { from: 'OWNER', to: 'ADMIN' },
      ]),
    );
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const org = await t.signUp('race');
    const second = await join(t, org, 'OWNER');
    const [a, b] = await Promise.all([
      t.gql(UPDATE_ROLE, { input: { memberId: second.userId, role: 'ADMIN' } }, as(org)),
      t.gql(UPDATE_ROLE, { input: { memberId: org.userId, role: 'ADMIN' } }, as(second)),
    ]);
    expect([a, b].filter((r) => !r.errors)).toHaveLength(1);
    // The loser is either refused as the last owner, or is no longer an owner by the time it acts.
    expect(['CONFLICT', 'FORBIDDEN']).toContain([a, b].find((r) => r.errors)?.errors?.[0].extensions.code);
    const owners = await withAdmin(
      (admin) =>
        admin
          .query(`select count(*)::int as n from membership where organization_id = $1 and role = 'OWNER' and removed_at is null`, [org.organizationId])
          .then((r) => r.rows[0].n),
      t.database,
    );
    expect(owners).toBe(1);
  });

  it('removing a member ends their access on the next request and flags the accounts they owned', async () => {
    const editor = await join(t, owner, 'EDITOR');
    const account = await addAccount(t, owner, { handle: '@removed_owner', ownerId: editor.userId });
    const before = await t.gql(
      graphql(`
        query Members9 {
          members {
            id
          }
        }
      `),
      {},
      as(editor),
    );
    expect(before.errors).toBeUndefined();

    const removed = await t.gql(REMOVE, { id: editor.userId }, as(owner));
    expect(removed.data?.removeMember.accountsNeedingOwner).toBe(1);
    expect(removed.data?.removeMember.member.removedAt).toBeTruthy();

    const after = await t.gql(
      graphql(`
        query Members10 {
          members {
            id
          }
        }
      `),
      {},
      as(editor),
    );
    expect(after.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const me = await t.gql(
      graphql(`
        query Members11 {
          me {
            memberships {
              organization {
                id
              }
            }
          }
        }
      `),
      {},
      { token: editor.token },
    );
    expect(me.data?.me.memberships).toEqual([]);

    const needing = await t.gql(
      graphql(`
        query Members12 {
          accountsNeedingOwner {
            id
            needsOwnerReason
            owner {
              id
              active
            }
            ownershipHistory {
              endedReason
            }
          }
        }
      `),
      {},
      as(owner),
    );
    expect(needing.data?.accountsNeedingOwner).toEqual([
      { id: account, needsOwnerReason: 'OWNER_REMOVED', owner: { id: editor.userId, active: false }, ownershipHistory: [{ endedReason: 'owner_removed' }] },
    ]);
    const members = await t.gql(MEMBERS, {}, as(owner));
    expect(members.data?.members.map((m: any) => m.id)).not.toContain(editor.userId);
    const event = (await auditActions(t, owner.organizationId)).find((e) => e.action === 'member.removed' && e.target_id === editor.userId);
    expect(event?.data).toMatchObject({ role: 'EDITOR', accountsNeedingOwner: [account] });
  });

  it('refuses to turn an account owner into a client user', async () => {
    const editor = await join(t, owner, 'EDITOR', [], 'owner-to-client');
    await addAccount(t, owner, { handle: '@owned_by_editor', ownerId: editor.userId });
    const acme = await createClient(t, owner, 'Acme owners');
    const res = await t.gql(UPDATE_ROLE, { input: { memberId: editor.userId, role: 'CLIENT_VIEWER', clientIds: [acme] } }, as(owner));
    expect(res.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(res.errors?.[0].message).toBe('This person owns 1 account. Give it another owner first.');
  });

  it('a removed member can be invited back, with the new role', async () => {
    const editor = await join(t, owner, 'EDITOR', [], 'returning');
    await t.gql(REMOVE, { id: editor.userId }, as(owner));
    await t.gql(INVITE, { input: { email: editor.email, role: 'APPROVER' } }, as(owner));
    const token = await tokenFromMail(t, editor.email);
    const accepted = await t.gql(ACCEPT, { input: { token } }, { token: editor.token });
    expect(accepted.data?.acceptInvitation).toMatchObject({ role: 'APPROVER', auth: null });
    const back = await t.gql(
      graphql(`
        query Members13 {
          me {
            role
          }
        }
      `),
      {},
      as(editor),
    );
    expect(back.data?.me.role).toBe('APPROVER');
  });

  it('limits how often invitation links can be tried from one address', async () => {
    // Same JWT secret: passport's strategy is process-wide, and the other app's tokens must stay valid.
    const limited = await TestApp.start({ jwtSecret: t.config.jwtSecret, signInLimits: { perEmail: 5, perIp: 3, windowSeconds: 900 } });
    try {
      const tries = [];
      for (let i = 0; i < 4; i++) tries.push(await limited.gql(PREVIEW, { token: 'guess' }));
      expect(tries.slice(0, 3).map((r) => r.errors?.[0].extensions.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
      expect(tries[3].errors?.[0].extensions.code).toBe('TOO_MANY_REQUESTS');
    } finally {
      await limited.close();
    }
  });

  it('assigns client users to clients; staff clients are their agency team', async () => {
    const acme = await createClient(t, owner, 'Acme members');
    const viewer = await join(t, owner, 'CLIENT_VIEWER', [acme]);
    const members = await t.gql(MEMBERS, {}, as(owner));
    expect(members.data?.members.find((m: any) => m.id === viewer.userId)!.clients).toEqual([{ id: acme, name: 'Acme members' }]);
    const me = await t.gql(
      graphql(`
        query Members14 {
          me {
            role
            permissions
            memberships {
              clientIds
            }
          }
        }
      `),
      {},
      { token: viewer.token, organizationId: owner.organizationId },
    );
    expect(me.data?.me).toEqual({
      role: 'CLIENT_VIEWER',
      permissions: ['organization.read', 'client.read', 'account.read', 'post.read', 'post.comment'],
      memberships: [{ clientIds: [acme] }],
    });
    const toStaff = await t.gql(UPDATE_ROLE, { input: { memberId: viewer.userId, role: 'EDITOR', clientIds: [] } }, as(owner));
    expect(toStaff.data?.updateMemberRole).toEqual({ id: viewer.userId, role: 'EDITOR', clients: [] });
    const back = await t.gql(UPDATE_ROLE, { input: { memberId: viewer.userId, role: 'CLIENT_VIEWER' } }, as(owner));
    expect(back.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientIds' });
  });
});
