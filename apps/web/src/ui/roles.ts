import { canGrantRole, isClientRole, ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '@clearpost/authz';

/** The roles `actor` may hand out, as Select options with a description each. */
export function roleOptions(actor: Role | null) {
  return ROLES.filter((role) => actor && canGrantRole(actor, role)).map((role) => ({
    value: role,
    label: ROLE_LABELS[role],
    description: ROLE_DESCRIPTIONS[role],
    group: isClientRole(role) ? 'From a client company' : 'Your staff',
  }));
}

export const ROLE_COLORS: Record<Role, string> = {
  OWNER: 'violet',
  ADMIN: 'blue',
  COMPLIANCE: 'orange',
  APPROVER: 'teal',
  EDITOR: 'cyan',
  MEMBER: 'gray',
  CLIENT_APPROVER: 'pink',
  CLIENT_VIEWER: 'pink',
};
