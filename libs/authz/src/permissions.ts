import type { Role } from './roles';

/**
 * Every permission an operation can declare. `authenticated` needs a signed-in user and no
 * organization; the others are checked against the caller's role in the organization named by
 * the request's X-Organization-Id header.
 */
export const PERMISSIONS = ['organization.read', 'organization.update', 'audit.read', 'audit.verify'] as const;
export type Permission = (typeof PERMISSIONS)[number];

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
