import { canGrantRole, isClientRole, isRole, roleDescription, roleLabel, ROLES, type Role } from '@clearpost/authz';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';

/** Role names, descriptions and the roles one may hand out, in the reader's language. */
export function useRoles() {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n.language);
  return {
    label: (role: string) => (isRole(role) ? roleLabel(role, locale) : role),
    /** The roles `actor` may hand out, as Select options with a description each. */
    options: (actor: Role | null) =>
      ROLES.filter((role) => actor && canGrantRole(actor, role)).map((role) => ({
        value: role,
        label: roleLabel(role, locale),
        description: roleDescription(role, locale),
        group: isClientRole(role) ? t('roles.fromClient') : t('roles.staff'),
      })),
  };
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
