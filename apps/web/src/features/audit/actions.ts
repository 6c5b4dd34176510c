/** How each audit action reads to a person; unknown actions fall back to their dotted name. */
export const ACTION_LABELS: Record<string, string> = {
  'organization.created': 'Organization created',
  'organization.renamed': 'Organization renamed',
  'member.added': 'Member added',
  'auth.signed_in': 'Signed in',
  'auth.sign_in_failed': 'Sign-in failed',
  'auth.signed_out': 'Signed out',
  'auth.refresh_reuse_detected': 'Stolen session token detected',
};

export const ACTION_COLORS: Record<string, string> = {
  organization: 'blue',
  member: 'teal',
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
      return `as ${String(data.role ?? '').toLowerCase()}`;
    default:
      return [data.ip, data.reason ?? data.via].filter(Boolean).join(' · ');
  }
}
