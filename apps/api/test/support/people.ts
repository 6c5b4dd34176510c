import { graphql } from '../gql';
import type { Role } from '@clearpost/authz';
import type { AccountKind, Network } from '../gql/graphql';
import { randomBytes } from 'node:crypto';
import { sealContext } from '../../src/mail/mail.service';
import { SecretBox } from '../../src/secrets/secret-box';
import { withAdmin } from './databases';
import { refreshCookie, type SignedIn, type TestApp } from './test-app';

export const INVITE = graphql(`
  mutation People1($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      id
      email
      role
      status
      expiresAt
      clients {
        id
        name
      }
    }
  }
`);
export const ACCEPT = graphql(`
  mutation People2($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      role
      organization {
        id
        name
      }
      auth {
        accessToken
        user {
          id
          email
        }
      }
    }
  }
`);
export const CREATE_CLIENT = graphql(`
  mutation People3($input: CreateClientInput!) {
    createClient(input: $input) {
      id
      name
      confidentialTerms
      canReadConfidentialTerms
    }
  }
`);
export const ADD_ACCOUNT = graphql(`
  mutation People4($input: AddSocialAccountInput!) {
    addSocialAccount(input: $input) {
      id
      network
      handle
      displayHandle
      kind
      needsOwner
      needsOwnerReason
      client {
        id
      }
      owner {
        id
        name
        active
      }
    }
  }
`);

/** The text of the last mail sent to `email`, read as the superuser past RLS and decrypted with the app's key. */
export async function mailText(t: TestApp, email: string): Promise<string | null> {
  const [mail] = await withAdmin(
    (admin) =>
      admin
        .query(`select organization_id, id, body_encrypted from outbound_mail where to_address = $1 order by created_at desc limit 1`, [email])
        .then((r) => r.rows as Array<{ organization_id: string; id: string; body_encrypted: string | null }>),
    t.database,
  );
  if (!mail?.body_encrypted) return null;
  const box = new SecretBox(t.config);
  return (JSON.parse(box.decrypt(mail.body_encrypted, sealContext(mail.organization_id, mail.id))) as { text: string }).text;
}

/** The invitation token in the last mail sent to `email`. */
export async function tokenFromMail(t: TestApp, email: string): Promise<string> {
  const token = /#token=([A-Za-z0-9_.-]+)/.exec((await mailText(t, email)) ?? '')?.[1];
  if (!token) throw new Error(`No invitation mail with a token for ${email}`);
  return token;
}

/** The invitation token in the last mail to `email`, as `reader` sees it on the Sent mail page. */
export async function tokenFromSentMail(t: TestApp, reader: SignedIn, email: string): Promise<string> {
  const res = await t.gql<{ sentMail: { edges: Array<{ node: { to: string; text: string | null } }> } }>(
    `{ sentMail(first: 50) { edges { node { to text } } } }`,
    {},
    { token: reader.token, organizationId: reader.organizationId },
  );
  const mail = res.data?.sentMail.edges.find((edge) => edge.node.to === email)?.node;
  const token = /#token=([A-Za-z0-9_.-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`No invitation mail with a token for ${email} (${JSON.stringify(res.errors ?? mail)})`);
  return token;
}

/** Invites a new person into `by`'s organization with `role` and signs them in through the link. */
export async function join(t: TestApp, by: SignedIn, role: Role, clientIds: string[] = [], label: string = role.toLowerCase()): Promise<SignedIn> {
  const email = `${label}-${randomBytes(4).toString('hex')}@example.test`;
  const invited = await t.gql(INVITE, { input: { email, role, clientIds } }, { token: by.token, organizationId: by.organizationId });
  if (!invited.data) throw new Error(`inviteMember failed: ${JSON.stringify(invited.errors)}`);
  const password = 'a long enough password';
  const token = t.embedded ? await tokenFromSentMail(t, by, email) : await tokenFromMail(t, email);
  const accepted = await t.gql(ACCEPT, { input: { token, name: `Test ${label}`, password } });
  if (!accepted.data) throw new Error(`acceptInvitation failed: ${JSON.stringify(accepted.errors)}`);
  return {
    token: accepted.data.acceptInvitation.auth!.accessToken,
    cookie: refreshCookie(accepted.setCookie)!,
    userId: accepted.data.acceptInvitation.auth!.user.id,
    organizationId: by.organizationId,
    email,
    password,
  };
}

export async function createClient(t: TestApp, by: SignedIn, name: string, confidentialTerms: string[] = []): Promise<string> {
  const res = await t.gql(CREATE_CLIENT, { input: { name, confidentialTerms } }, { token: by.token, organizationId: by.organizationId });
  if (!res.data) throw new Error(`createClient failed: ${JSON.stringify(res.errors)}`);
  return res.data.createClient.id;
}

export async function addAccount(
  t: TestApp,
  by: SignedIn,
  input: { network?: Network; handle: string; displayName?: string; kind?: AccountKind; clientId?: string; ownerId?: string },
): Promise<string> {
  const res = await t.gql(
    ADD_ACCOUNT,
    { input: { network: 'X' as Network, kind: 'BRAND' as AccountKind, displayName: input.handle, ...input } },
    { token: by.token, organizationId: by.organizationId },
  );
  if (!res.data) throw new Error(`addSocialAccount failed: ${JSON.stringify(res.errors)}`);
  return res.data.addSocialAccount.id;
}

/** Actions recorded in an organization's audit trail, oldest first (as the superuser). */
export async function auditActions(t: TestApp, organizationId: string): Promise<Array<{ action: string; target_id: string | null; data: any }>> {
  return withAdmin(
    (admin) => admin.query(`select action, target_id, data from audit_event where organization_id = $1 order by seq`, [organizationId]).then((r) => r.rows),
    t.database,
  );
}
