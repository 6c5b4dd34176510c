/** Roles a member holds in one organization. */
export const ROLES = ['OWNER', 'ADMIN', 'COMPLIANCE', 'APPROVER', 'EDITOR', 'MEMBER'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  COMPLIANCE: 'Compliance',
  APPROVER: 'Approver',
  EDITOR: 'Editor',
  MEMBER: 'Member',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
