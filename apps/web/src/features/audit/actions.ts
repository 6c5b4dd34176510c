import dayjs from 'dayjs';
import { isRole, roleLabel } from '@clearpost/authz';
import { currentLocale, i18n } from '../../i18n';
import { en } from './i18n';

/** Every action the audit trail records, as its dotted name (`member.invited`), from the labels. */
export const ACTIONS: string[] = Object.entries(en.actions).flatMap(([family, verbs]) => Object.keys(verbs).map((verb) => `${family}.${verb}`));
export const FAMILIES = Object.keys(en.filters.allOf) as Array<keyof typeof en.filters.allOf>;

const COLORS: Record<string, string> = {
  organization: 'blue',
  member: 'teal',
  invitation: 'teal',
  client: 'grape',
  account: 'indigo',
  policy: 'orange',
  policy_document: 'cyan',
  post: 'violet',
  approval_chain: 'violet',
  approval_link: 'violet',
  publication: 'violet',
  comment: 'violet',
  auth: 'gray',
  user: 'gray',
};

/** Actions that deserve a compliance officer's eye. */
export const ALERT_ACTIONS = new Set(['auth.sign_in_failed', 'auth.refresh_reuse_detected']);

/** How an action reads to a person, in their language; an action this version does not know keeps its dotted name. */
export function actionLabel(action: string): string {
  return ACTIONS.includes(action) ? i18n.t(`audit.actions.${action}` as 'audit.actions.member.added') : action;
}

export function actionColor(action: string): string {
  if (ALERT_ACTIONS.has(action)) return 'red';
  return COLORS[action.split('.')[0]] ?? 'gray';
}

const role = (value: unknown) => (isRole(value) ? roleLabel(value, currentLocale()) : String(value ?? ''));
const quoted = (value: unknown) => (currentLocale() === 'fr' ? `« ${String(value ?? '')} »` : `“${String(value ?? '')}”`);

/** A one-line summary of an event's details for the table. */
export function summarize(action: string, data: Record<string, unknown>): string {
  const t = i18n.t.bind(i18n);
  switch (action) {
    case 'organization.created':
    case 'client.created':
    case 'client.archived':
    case 'policy.created':
      return quoted(data.name);
    case 'organization.renamed':
    case 'client.renamed':
      return `${quoted(data.from)} → ${quoted(data.to)}`;
    case 'member.added':
    case 'member.joined':
      return t('audit.summary.as', { role: role(data.role) });
    case 'member.invited':
      return t('audit.summary.invited', { email: String(data.email ?? ''), role: role(data.role) });
    case 'member.role_changed':
      return `${role(data.from)} → ${role(data.to)}`;
    case 'client.confidential_terms_changed':
    case 'policy.competitors_set':
      return t('audit.summary.termsChanged', {
        added: (data.added as unknown[] | undefined)?.length ?? 0,
        removed: (data.removed as unknown[] | undefined)?.length ?? 0,
      });
    case 'account.added':
    case 'account.deactivated':
      return `${String(data.network ?? '')} ${String(data.handle ?? '')}`;
    case 'account.owner_assigned':
      return t('audit.summary.to', { name: String(data.ownerName ?? data.to ?? '') });
    case 'user.locale_changed':
      return t('audit.summary.locale', { language: data.locale === 'fr' ? 'Français' : 'English' });
    case 'policy.published':
    case 'policy_document.published':
    case 'policy_document.acknowledged':
      return data.version ? t('audit.summary.version', { version: String(data.version) }) : '';
    case 'policy_document.reminders_sent':
      return t('audit.summary.reminders', { count: Number(data.count ?? 0) });
    case 'post.created':
    case 'post.revised':
    case 'post.submitted':
      return t('audit.summary.revision', { revision: String(data.revision ?? ''), hash: String(data.contentHash ?? '').slice(0, 12) });
    case 'post.approved':
    case 'post.rejected':
    case 'post.changes_requested':
      return [t('audit.summary.step', { step: String(data.stepName ?? ''), hash: String(data.contentHash ?? '').slice(0, 12) }), data.email, data.ip]
        .filter(Boolean)
        .join(' · ');
    case 'approval_link.issued':
    case 'approval_link.used':
      return [data.email, data.decision, data.ip].filter(Boolean).join(' · ');
    case 'post.scheduled':
      return data.scheduledAt ? dayjs(String(data.scheduledAt)).format('LLL') : '';
    case 'publication.scheduled':
      return [data.handle ? `@${String(data.handle)}` : null, data.dueAt ? dayjs(String(data.dueAt)).format('LLL') : null].filter(Boolean).join(' · ');
    case 'publication.attempted':
      return [`#${String(data.attempt ?? '')}`, data.connector, String(data.attemptId ?? '').slice(0, 8)].filter(Boolean).join(' · ');
    case 'publication.published':
      return [data.remoteUrl ?? data.remoteId, data.recovered ? '↺' : null].filter(Boolean).join(' · ');
    case 'publication.failed':
    case 'publication.retried':
      return [data.attempt ? `#${String(data.attempt)}` : null, data.error ?? data.lastError].filter(Boolean).join(' · ');
    case 'post.returned_by_policy':
    case 'post.sent_back_to_review':
      return String(data.reason ?? '');
    default:
      return [data.ip, data.reason ?? data.via].filter(Boolean).join(' · ');
  }
}
