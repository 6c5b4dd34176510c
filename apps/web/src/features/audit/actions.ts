/** How each audit action reads to a person; unknown actions fall back to their dotted name. */
export const ACTION_LABELS: Record<string, string> = {
  'organization.created': 'Organization created',
  'organization.renamed': 'Organization renamed',
  'member.added': 'Member added',
  'auth.signed_in': 'Signed in',
  'auth.sign_in_failed': 'Sign-in failed',
  'auth.signed_out': 'Signed out',
  'auth.refresh_reuse_detected': 'Stolen session token detected',
  'member.invited': 'Member invited',
  'member.joined': 'Member joined',
  'member.role_changed': 'Role changed',
  'member.clients_changed': 'Member’s clients changed',
  'member.removed': 'Member removed',
  'invitation.resent': 'Invitation resent',
  'invitation.revoked': 'Invitation revoked',
  'client.created': 'Client created',
  'client.renamed': 'Client renamed',
  'client.confidential_terms_changed': 'Confidential terms changed',
  'client.archived': 'Client archived',
  'account.added': 'Account added',
  'account.owner_assigned': 'Account owner assigned',
  'account.deactivated': 'Account deactivated',
};

export const ACTION_COLORS: Record<string, string> = {
  organization: 'blue',
  member: 'teal',
  invitation: 'teal',
  client: 'grape',
  account: 'indigo',
  auth: 'gray',
};

/** Actions that deserve a compliance officer's eye. */
export const ALERT_ACTIONS = new Set(['auth.sign_in_failed', 'auth.refresh_reuse_detected']);

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export function actionColor(action: string): string {
  if (ALERT_ACTIONS.has(action)) return 'red';
  return ACTION_COLORS[action.split('.')[0]] ?? 'gray';
}

/** A one-line summary of an event's details for the table. */
export function summarize(action: string, data: Record<string, unknown>): string {
  switch (action) {
    case 'organization.created':
      return `“${String(data.name ?? '')}”`;
    case 'organization.renamed':
      return `“${String(data.from ?? '')}” → “${String(data.to ?? '')}”`;
    case 'member.added':
    case 'member.joined':
      return `as ${String(data.role ?? '')
        .toLowerCase()
        .replace('_', ' ')}`;
    case 'member.invited':
      return `${String(data.email ?? '')} as ${String(data.role ?? '')
        .toLowerCase()
        .replace('_', ' ')}`;
    case 'member.role_changed':
      return `${String(data.from ?? '').toLowerCase()} → ${String(data.to ?? '').toLowerCase()}`;
    case 'client.created':
    case 'client.archived':
      return `“${String(data.name ?? '')}”`;
    case 'client.renamed':
      return `“${String(data.from ?? '')}” → “${String(data.to ?? '')}”`;
    case 'client.confidential_terms_changed':
      return `${(data.added as unknown[] | undefined)?.length ?? 0} added, ${(data.removed as unknown[] | undefined)?.length ?? 0} removed`;
    case 'account.added':
    case 'account.deactivated':
      return `${String(data.network ?? '')} ${String(data.handle ?? '')}`;
    case 'account.owner_assigned':
      return `to ${String(data.ownerName ?? data.to ?? '')}`;
    default:
      return [data.ip, data.reason ?? data.via].filter(Boolean).join(' · ');
  }
}
