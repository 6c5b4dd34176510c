import { graphql } from './gql';
import { can, canGrantRole, canReadSecret, isClientRole, ROLES, type Role } from '@clearpost/authz';
import { randomUUID } from 'node:crypto';
import { withAdmin } from './support/databases';
import { ACCEPT, createClient, INVITE, join, mailText, tokenFromMail } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

// Each test walks every (actor, target) pair on fresh members: minutes of work beside the other suites on 2 cores.
jest.setTimeout(180_000);

/**
 * Nobody ends with a role (or client scope) beyond what libs/authz lets the actor grant, by any
 * path: inviting, resending, reading kept mail, accepting a link whose issuer lost authority,
 * changing a role, removing a member. Every (actor role, target role) pair, generated from the matrix.
 */
describe('role grants: every path, every (actor, target) pair', () => {
  let t: TestApp;
  let owner: SignedIn;
  let acme: string;
  const actors = new Map<Role, SignedIn>();

  const as = (who: SignedIn) => ({ token: who.token, organizationId: who.organizationId });
  const clientsFor = (role: Role) => (isClientRole(role) ? [acme] : []);
  const mayInvite = (actor: Role, target: Role) => can(actor, 'member.invite') && canGrantRole(actor, target);
  const mayManage = (actor: Role, target: Role) => can(actor, 'member.manage') && canGrantRole(actor, target);
  const code = (res: { errors?: Array<{ extensions: { code: string } }> }) => res.errors?.[0]?.extensions.code ?? 'data';

  /** A member put in place directly (no password, never signs in): a target for role changes and removals. */
  async function seedMember(role: Role): Promise<string> {
    const id = randomUUID();
    await withAdmin(async (admin) => {
      await admin.query(`insert into app_user (id, email, name, password_hash) values ($1, $2, $3, 'unusable')`, [id, `${id}@example.test`, `Target ${role}`]);
      await admin.query(`insert into membership (organization_id, user_id, role) values ($1, $2, $3)`, [owner.organizationId, id, role]);
      for (const clientId of clientsFor(role)) {
        await admin.query(`insert into membership_client (organization_id, user_id, client_id) values ($1, $2, $3)`, [owner.organizationId, id, clientId]);
      }
    }, t.database);
    return id;
  }

  const roleOf = (userId: string) =>
    withAdmin(
      (admin) =>
        admin
          .query(`select role, removed_at from membership where organization_id = $1 and user_id = $2`, [owner.organizationId, userId])
          .then((r) => r.rows[0] as { role: Role; removed_at: Date | null }),
      t.database,
    );

  beforeAll(async () => {
    t = await TestApp.start({ invitationsPerHour: 10_000 });
    owner = await t.signUp('grants');
    acme = await createClient(t, owner, 'Acme');
    actors.set('OWNER', owner);
    for (const role of ROLES.filter((r) => r !== 'OWNER')) actors.set(role, await join(t, owner, role, clientsFor(role)));
  });
  afterAll(() => t.close());

  it('inviteMember: allowed exactly where the actor may grant the role, and the link gives exactly that role', async () => {
    const outcomes: string[] = [];
    for (const actor of ROLES) {
      for (const target of ROLES) {
        const email = `invite-${actor}-${target}-${randomUUID().slice(0, 6)}@example.test`.toLowerCase();
        const res = await t.gql(INVITE, { input: { email, role: target, clientIds: clientsFor(target) } }, as(actors.get(actor)!));
        const expected = mayInvite(actor, target) ? 'data' : 'FORBIDDEN';
        if (code(res) !== expected) outcomes.push(`${actor} invites ${target}: expected ${expected}, got ${code(res)}`);
        if (code(res) === 'data' && ['OWNER', 'ADMIN'].includes(actor) && ['OWNER', 'CLIENT_VIEWER', 'EDITOR'].includes(target)) {
          const accepted = await t.gql(ACCEPT, { input: { token: await tokenFromMail(t, email), name: 'New', password: 'a long enough password' } });
          if (accepted.data?.acceptInvitation.role !== target) outcomes.push(`${actor} invites ${target}: joined as ${accepted.data?.acceptInvitation.role}`);
        }
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('inviteMember: a client scope only among the organization’s own clients', async () => {
    const other = await t.signUp('other');
    const foreign = await createClient(t, other, 'Foreign');
    const res = await t.gql(INVITE, { input: { email: 'scope@example.test', role: 'CLIENT_VIEWER', clientIds: [foreign] } }, as(owner));
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientIds' });
  });

  it('resendInvitation: allowed exactly where the actor may grant the invited role', async () => {
    const outcomes: string[] = [];
    for (const target of ROLES) {
      const email = `resend-${target}@example.test`.toLowerCase();
      const invited = await t.gql(INVITE, { input: { email, role: target, clientIds: clientsFor(target) } }, as(owner));
      for (const actor of ROLES) {
        const res = await t.gql(
          graphql(`
            mutation RoleGrants1($id: ID!) {
              resendInvitation(id: $id) {
                id
              }
            }
          `),
          { id: invited.data!.inviteMember.id },
          as(actors.get(actor)!),
        );
        const expected = mayInvite(actor, target) ? 'data' : 'FORBIDDEN';
        if (code(res) !== expected) outcomes.push(`${actor} resends to ${target}: expected ${expected}, got ${code(res)}`);
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('sentMail: an invitation link is shown only to readers who could have issued it', async () => {
    const tokens = new Map<Role, string>();
    for (const target of ROLES) {
      const email = `kept-${target}@example.test`.toLowerCase();
      await t.gql(INVITE, { input: { email, role: target, clientIds: clientsFor(target) } }, as(owner));
      tokens.set(target, await tokenFromMail(t, email));
    }
    const outcomes: string[] = [];
    for (const reader of ROLES) {
      const res = await t.gql(
        graphql(`
          query RoleGrants2 {
            sentMail(first: 100) {
              edges {
                node {
                  to
                  text
                  html
                  redacted
                }
              }
            }
          }
        `),
        {},
        as(actors.get(reader)!),
      );
      if (!can(reader, 'mail.read')) {
        if (code(res) !== 'FORBIDDEN') outcomes.push(`${reader} reads mail: expected FORBIDDEN, got ${code(res)}`);
        continue;
      }
      const mails = res.data!.sentMail.edges.map((e) => e.node);
      for (const target of ROLES) {
        const mail = mails.find((m: { to: string }) => m.to === `kept-${target}@example.test`.toLowerCase());
        const token = tokens.get(target)!;
        const shown = mail!.text!.includes(token) || mail!.html!.includes(token);
        const expected = canReadSecret(reader, { kind: 'invitation', role: target });
        if (shown !== expected || mail!.redacted === expected)
          outcomes.push(`${reader} reading the ${target} invitation: link shown ${shown}, redacted ${mail!.redacted}`);
        if (!expected && !mail!.text!.includes('[hidden]')) outcomes.push(`${reader} reading the ${target} invitation: no [hidden] marker`);
      }
      // Not in any other field either (the whole response).
      for (const target of ROLES) {
        if (!canReadSecret(reader, { kind: 'invitation', role: target }) && JSON.stringify(res).includes(tokens.get(target)!)) {
          outcomes.push(`${reader}: the ${target} token appears in the response`);
        }
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('acceptInvitation: a link carries its issuer’s authority — demoted or removed, the link gives no more than they now could', async () => {
    const outcomes: string[] = [];
    for (const before of ['OWNER', 'ADMIN'] as const) {
      for (const after of [...ROLES, 'REMOVED'] as const) {
        const issuer = await join(t, owner, before, [], `issuer-${before}-${after}`.toLowerCase());
        const links = new Map<Role, string>();
        for (const target of ROLES.filter((r) => canGrantRole(before, r))) {
          const email = `link-${before}-${after}-${target}-${randomUUID().slice(0, 4)}@example.test`.toLowerCase();
          await t.gql(INVITE, { input: { email, role: target, clientIds: clientsFor(target) } }, as(issuer));
          links.set(target, await tokenFromMail(t, email));
        }
        const change =
          after === 'REMOVED'
            ? await t.gql(
                graphql(`
                  mutation RoleGrants3($id: ID!) {
                    removeMember(memberId: $id) {
                      accountsNeedingOwner
                    }
                  }
                `),
                { id: issuer.userId },
                as(owner),
              )
            : await t.gql(
                `mutation($i: UpdateMemberRoleInput!) { updateMemberRole(input: $i) { role } }`,
                { i: { memberId: issuer.userId, role: after, clientIds: clientsFor(after) } },
                as(owner),
              );
        if (change.errors) throw new Error(JSON.stringify(change.errors));
        for (const [target, token] of links) {
          const preview = await t.gql(
            graphql(`
              query RoleGrants4($t: String!) {
                invitation(token: $t) {
                  role
                }
              }
            `),
            { t: token },
          );
          const works = after !== 'REMOVED' && canGrantRole(after, target);
          if ((code(preview) === 'data') !== works) outcomes.push(`${before}→${after} issued ${target}: link works ${code(preview) === 'data'}`);
          if (!works && preview.errors?.[0].extensions.reason !== 'REVOKED')
            outcomes.push(`${before}→${after} issued ${target}: reason ${preview.errors?.[0].extensions.reason}`);
        }
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('acceptInvitation: accepting a link whose issuer was demoted is refused, and the invitation shows as revoked', async () => {
    const issuer = await join(t, owner, 'ADMIN', [], 'demoted-admin');
    const email = 'after-demotion@example.test';
    const invited = await t.gql(INVITE, { input: { email, role: 'EDITOR' } }, as(issuer));
    const token = await tokenFromMail(t, email);
    await t.gql(
      graphql(`
        mutation RoleGrants5($i: UpdateMemberRoleInput!) {
          updateMemberRole(input: $i) {
            role
          }
        }
      `),
      { i: { memberId: issuer.userId, role: 'MEMBER' } },
      as(owner),
    );
    const accepted = await t.gql(ACCEPT, { input: { token, name: 'Late', password: 'a long enough password' } });
    expect(accepted.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REVOKED' });
    const list = await t.gql(
      graphql(`
        query RoleGrants6 {
          invitations {
            id
          }
        }
      `),
      {},
      as(owner),
    );
    expect(list.data!.invitations.map((i: { id: string }) => i.id)).not.toContain(invited.data!.inviteMember.id);
  });

  it('updateMemberRole: allowed exactly where the actor may grant both the current and the new role', async () => {
    const outcomes: string[] = [];
    const targets = new Map<Role, string>();
    for (const role of ROLES) targets.set(role, await seedMember(role));
    for (const actor of ROLES) {
      for (const from of ROLES) {
        for (const to of ROLES) {
          const memberId = targets.get(from)!;
          const res = await t.gql(
            `mutation($i: UpdateMemberRoleInput!) { updateMemberRole(input: $i) { role } }`,
            { i: { memberId, role: to, clientIds: clientsFor(to) } },
            as(actors.get(actor)!),
          );
          const expected = mayManage(actor, from) && mayManage(actor, to) ? 'data' : 'FORBIDDEN';
          if (code(res) !== expected)
            outcomes.push(`${actor} changes ${from} → ${to}: expected ${expected}, got ${code(res)} ${res.errors?.[0]?.message ?? ''}`);
          const now = await roleOf(memberId);
          if (now.role !== (expected === 'data' ? to : from)) outcomes.push(`${actor} changes ${from} → ${to}: ended as ${now.role}`);
          if (now.role !== from) {
            await withAdmin(
              (admin) => admin.query(`update membership set role = $3 where organization_id = $1 and user_id = $2`, [owner.organizationId, memberId, from]),
              t.database,
            );
          }
        }
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('removeMember: allowed exactly where the actor may grant the member’s role', async () => {
    const outcomes: string[] = [];
    for (const actor of ROLES) {
      for (const target of ROLES) {
        const memberId = await seedMember(target);
        const res = await t.gql(
          graphql(`
            mutation RoleGrants7($id: ID!) {
              removeMember(memberId: $id) {
                accountsNeedingOwner
              }
            }
          `),
          { id: memberId },
          as(actors.get(actor)!),
        );
        const expected = mayManage(actor, target) ? 'data' : 'FORBIDDEN';
        if (code(res) !== expected) outcomes.push(`${actor} removes ${target}: expected ${expected}, got ${code(res)}`);
        const removed = (await roleOf(memberId)).removed_at !== null;
        if (removed !== (expected === 'data')) outcomes.push(`${actor} removes ${target}: removed ${removed}`);
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('keeps kept mail encrypted at rest: no link in the table’s clear columns', async () => {
    await t.gql(INVITE, { input: { email: 'at-rest@example.test', role: 'OWNER' } }, as(owner));
    expect(await mailText(t, 'at-rest@example.test')).toContain('#token=');
    const rows = await withAdmin(
      (admin) => admin.query(`select text_body, html_body, body_encrypted from outbound_mail where to_address = 'at-rest@example.test'`).then((r) => r.rows),
      t.database,
    );
    expect(rows).toEqual([{ text_body: null, html_body: null, body_encrypted: expect.stringMatching(/^v1\./) }]);
    expect(rows[0].body_encrypted).not.toContain('token');
  });
});
