import type { Role } from './roles';

/**
 * Every permission an operation can declare. `authenticated` needs a signed-in user and no
 * organization; the others are checked against the caller's role in the organization named by
 * the request's X-Organization-Id header.
 */
export const PERMISSIONS = ['organization.read', 'organization.update', 'audit.read', 'audit.verify'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What each permission lets a person do, in words the web app shows them. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  'organization.read': 'See this organization',
  'organization.update': 'Rename and configure this organization',
  'audit.read': 'Read the audit trail',
  'audit.verify': 'Verify the audit chain',
};

/** The matrix, as data: which role holds which permission. The API guard and the web UI read it. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  OWNER: ['organization.read', 'organization.update', 'audit.read', 'audit.verify'],
  ADMIN: ['organization.read', 'organization.update', 'audit.read', 'audit.verify'],
  COMPLIANCE: ['organization.read', 'audit.read', 'audit.verify'],
  APPROVER: ['organization.read'],
  EDITOR: ['organization.read'],
  MEMBER: ['organization.read'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}
