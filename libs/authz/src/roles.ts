import type { Locale } from './locales';

/**
 * Roles a member holds in one organization. The first six are the organization's own staff; the
 * client-scoped roles are people from a client company, who see only their client's data.
 */
export const ROLES = ['OWNER', 'ADMIN', 'COMPLIANCE', 'APPROVER', 'EDITOR', 'MEMBER', 'CLIENT_APPROVER', 'CLIENT_VIEWER'] as const;
export type Role = (typeof ROLES)[number];

export const CLIENT_ROLES = ['CLIENT_APPROVER', 'CLIENT_VIEWER'] as const satisfies readonly Role[];
export type ClientRole = (typeof CLIENT_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  COMPLIANCE: 'Compliance',
  APPROVER: 'Approver',
  EDITOR: 'Editor',
  MEMBER: 'Member',
  CLIENT_APPROVER: 'Client approver',
  CLIENT_VIEWER: 'Client viewer',
};

/** One line per role, shown where a role is chosen. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  OWNER: 'Everything, including managing other owners.',
  ADMIN: 'Manages members, clients, accounts and their owners.',
  COMPLIANCE: 'Reads the audit trail and confidential terms; reviews what needs compliance approval.',
  APPROVER: 'Approves posts before they are published.',
  EDITOR: 'Writes posts for the accounts they work on.',
  MEMBER: 'Reads and accepts the social media policy; registers their own handles.',
  CLIENT_APPROVER: 'From a client company: approves posts for that client’s accounts only.',
  CLIENT_VIEWER: 'From a client company: sees that client’s accounts and posts only.',
};

/** The role names and descriptions in French (the vocabulary of the guides Clearpost follows). */
export const ROLE_LABELS_FR: Record<Role, string> = {
  OWNER: 'Propriétaire',
  ADMIN: 'Administrateur',
  COMPLIANCE: 'Conformité',
  APPROVER: 'Approbateur',
  EDITOR: 'Rédacteur',
  MEMBER: 'Membre',
  CLIENT_APPROVER: 'Approbateur client',
  CLIENT_VIEWER: 'Lecteur client',
};

export const ROLE_DESCRIPTIONS_FR: Record<Role, string> = {
  OWNER: 'Tout, y compris la gestion des autres propriétaires.',
  ADMIN: 'Gère les membres, les clients, les comptes et leurs responsables.',
  COMPLIANCE: 'Consulte la piste d’audit et les termes confidentiels ; examine ce qui demande l’accord de la conformité.',
  APPROVER: 'Approuve les publications avant leur mise en ligne.',
  EDITOR: 'Rédige les publications des comptes sur lesquels il travaille.',
  MEMBER: 'Lit et accepte la charte des réseaux sociaux ; déclare ses propres comptes.',
  CLIENT_APPROVER: 'D’une entreprise cliente : approuve les publications des comptes de ce client uniquement.',
  CLIENT_VIEWER: 'D’une entreprise cliente : voit les comptes et publications de ce client uniquement.',
};

/** A role's name in `locale`. */
export function roleLabel(role: Role, locale: Locale = 'en'): string {
  return (locale === 'fr' ? ROLE_LABELS_FR : ROLE_LABELS)[role];
}

/** A role's one-line description in `locale`. */
export function roleDescription(role: Role, locale: Locale = 'en'): string {
  return (locale === 'fr' ? ROLE_DESCRIPTIONS_FR : ROLE_DESCRIPTIONS)[role];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Client-scoped roles must name at least one client and see nothing outside their clients. */
export function isClientRole(role: Role): role is ClientRole {
  return (CLIENT_ROLES as readonly Role[]).includes(role);
}
