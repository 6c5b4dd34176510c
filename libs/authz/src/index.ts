export {
  CLIENT_ROLES,
  ROLES,
  ROLE_DESCRIPTIONS,
  ROLE_DESCRIPTIONS_FR,
  ROLE_LABELS,
  ROLE_LABELS_FR,
  isClientRole,
  isRole,
  roleDescription,
  roleLabel,
  type ClientRole,
  type Role,
} from './roles';
export { DEFAULT_LOCALE, LOCALES, isLocale, preferredLocale, type Locale } from './locales';
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
