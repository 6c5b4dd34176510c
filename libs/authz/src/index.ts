export { CLIENT_ROLES, ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS, isClientRole, isRole, type ClientRole, type Role } from './roles';
export {
  CONFIDENTIAL_TERMS_READERS,
  PERMISSIONS,
  PERMISSION_LABELS,
  ROLE_PERMISSIONS,
  can,
  canGrantRole,
  canReadSecret,
  grantableRoles,
  permissionsOf,
  type Permission,
  type SecretGrant,
} from './permissions';
export { OBJECT_VISIBILITY, canSeeField, fieldPermission, type Visibility } from './visibility';
