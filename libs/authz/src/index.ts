export { ROLES, ROLE_LABELS, isRole, type Role } from './roles';
export { PERMISSIONS, PERMISSION_LABELS, ROLE_PERMISSIONS, can, permissionsOf, type Permission } from './permissions';
