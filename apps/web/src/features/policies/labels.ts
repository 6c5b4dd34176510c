import type { RuleKind } from '@clearpost/policy-engine';
import { useTranslation } from 'react-i18next';

export const ACTION_COLORS: Record<string, string> = { BLOCK: 'red', REQUIRE_APPROVAL: 'orange', WARN: 'yellow', MONITOR: 'gray' };
const ACTIONS = ['BLOCK', 'REQUIRE_APPROVAL', 'WARN', 'MONITOR'] as const;
const SCOPES = ['ORGANIZATION', 'CLIENT', 'ACCOUNT'] as const;

/** The words for rule kinds, actions and scopes, in the reader's language. */
export function usePolicyLabels() {
  const { t } = useTranslation();
  return {
    kind: (kind: RuleKind) => t(`policies.kinds.${kind}.label`),
    kindHelp: (kind: RuleKind) => t(`policies.kinds.${kind}.help`),
    action: (action: string) => (ACTIONS.includes(action as (typeof ACTIONS)[number]) ? t(`policies.actions.${action as (typeof ACTIONS)[number]}`) : action),
    scope: (scope: string) => (SCOPES.includes(scope as (typeof SCOPES)[number]) ? t(`policies.scopes.${scope as (typeof SCOPES)[number]}`) : scope),
  };
}
