import { ROLES, type Role } from './roles';

/**
 * Every permission an operation can declare. They are checked against the caller's role in the
 * organization named by the request's X-Organization-Id header. (Operations with no organization
 * are declared `authenticated` or `public` instead.)
 */
export const PERMISSIONS = [
  'organization.read',
  'organization.update',
  'audit.read',
  'audit.verify',
  'member.read',
  'member.invite',
  'member.manage',
  'client.read',
  'client.manage',
  'account.read',
  'account.register',
  'account.manage',
  'account.assign_owner',
  'mail.read',
  'policy.read',
  'policy.manage',
  'post.check',
  'policy_document.read',
  'policy_document.manage',
  'policy_document.acknowledgements',
  'post.read',
  'post.write',
  'post.approve',
  'post.comment',
  'approval_chain.read',
  'approval_chain.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What each permission lets a person do, in words the web app shows them. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  'organization.read': 'See this organization',
  'organization.update': 'Rename and configure this organization',
  'audit.read': 'Read the audit trail',
  'audit.verify': 'Verify the audit chain',
  'member.read': 'See the members of this organization',
  'member.invite': 'Invite people, resend and revoke invitations',
  'member.manage': 'Change members’ roles and remove members',
  'client.read': 'See clients (client users: their own only)',
  'client.manage': 'Create, edit and archive clients',
  'account.read': 'See social accounts (client users: their client’s only)',
  'account.register': 'Register your own personal handles',
  'account.manage': 'Add brand accounts and deactivate any account',
  'account.assign_owner': 'Assign the owner of an account',
  'mail.read': 'Read the mail Clearpost sent',
  'policy.read': 'See the policies and what applies to each account',
  'policy.manage': 'Write, publish and attach policies',
  'post.check': 'Check a post against the policy',
  'policy_document.read': 'Read and accept the social media policy',
  'policy_document.manage': 'Write and publish the social media policy',
  'policy_document.acknowledgements': 'See who has accepted the social media policy',
  'post.read': 'See posts (client users: their client’s only)',
  'post.write': 'Write posts (members: for their own handles only) and submit them for approval',
  'post.approve': 'Approve posts at the steps you are an approver of',
  'post.comment': 'Comment on posts',
  'approval_chain.read': 'See the approval chains',
  'approval_chain.manage': 'Set the approval chains, and manage client approval links',
};

const STAFF_BASE: Permission[] = [
  'organization.read',
  'member.read',
  'client.read',
  'account.read',
  'account.register',
  'policy.read',
  'post.check',
  'policy_document.read',
  'post.read',
  'post.write',
  'post.comment',
  'approval_chain.read',
];
/** Writing the rules and the policy, and following up who accepted it. */
const POLICY_OFFICE: Permission[] = ['policy.manage', 'policy_document.manage', 'policy_document.acknowledgements'];
const ADMINISTRATION: Permission[] = [
  'organization.update',
  'audit.read',
  'audit.verify',
  'member.invite',
  'member.manage',
  'client.manage',
  'account.manage',
  'account.assign_owner',
  'mail.read',
  'post.approve',
  'approval_chain.manage',
  ...POLICY_OFFICE,
];

/** The matrix, as data: which role holds which permission. The API guard and the web UI read it. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  OWNER: [...STAFF_BASE, ...ADMINISTRATION],
  ADMIN: [...STAFF_BASE, ...ADMINISTRATION],
  COMPLIANCE: [...STAFF_BASE, 'audit.read', 'audit.verify', 'post.approve', ...POLICY_OFFICE],
  APPROVER: [...STAFF_BASE, 'post.approve'],
  // An editor approves only where a chain names them; the step decides, not the role.
  EDITOR: [...STAFF_BASE, 'post.approve'],
  MEMBER: STAFF_BASE,
  CLIENT_APPROVER: ['organization.read', 'client.read', 'account.read', 'post.read', 'post.approve', 'post.comment'],
  CLIENT_VIEWER: ['organization.read', 'client.read', 'account.read', 'post.read', 'post.comment'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}

/**
 * Who may read a client's confidential terms: these roles for every client, and anyone on that
 * client's own team (staff assigned to the client). Enforced by RLS; here for the UI.
 */
export const CONFIDENTIAL_TERMS_READERS: readonly Role[] = ['OWNER', 'ADMIN', 'COMPLIANCE'];

/**
 * Whether `actor` may put someone in `target` (invite, resend an invitation, change a role to or
 * from it, remove someone holding it). Only an owner may make, change or remove an owner. Every
 * path to a role — including reading a kept invitation link — ends here.
 */
export function canGrantRole(actor: Role, target: Role): boolean {
  if (!can(actor, 'member.manage') && !can(actor, 'member.invite')) return false;
  return target !== 'OWNER' || actor === 'OWNER';
}

/** The roles `actor` may grant, in the order of ROLES. */
export function grantableRoles(actor: Role): Role[] {
  return ROLES.filter((role) => canGrantRole(actor, role));
}

/**
 * What a secret in a mail (a link that works on its own) hands to whoever holds it. A kept or
 * queued mail shows the secret only to a reader who could have issued it; others see it redacted.
 */
export type SecretGrant = { kind: 'invitation'; role: Role } | { kind: 'approval_link' };

export function canReadSecret(reader: Role, grant: SecretGrant): boolean {
  switch (grant.kind) {
    case 'invitation':
      return can(reader, 'member.invite') && canGrantRole(reader, grant.role);
    case 'approval_link':
      // A seatless approval link lets whoever holds it approve a client's post: only those who
      // manage the approval chains (and could revoke or reissue it) may see it in kept mail.
      return can(reader, 'approval_chain.manage');
  }
}
