import type { Action, Rule } from './schema';

export interface PolicySource {
  policyId: string;
  policyName: string;
  version: number;
  scope: 'ORGANIZATION' | 'CLIENT' | 'ACCOUNT';
}

export interface SourcedRule {
  rule: Rule;
  /** Where this rule (the strictest of its id) came from. */
  source: PolicySource;
  /** Other attached policies with a rule of the same id, less strict or equal, that it overrides. */
  overrides: PolicySource[];
}

const STRICTNESS: Record<Action, number> = { WARN: 1, REQUIRE_APPROVAL: 2, BLOCK: 3 };

/** How strict a rule is: its action, and an enforced rule over one that only monitors. */
function strictness(rule: Rule): number {
  return STRICTNESS[rule.action] * 2 + (rule.mode === 'MONITOR' ? 0 : 1);
}

/**
 * The effective policy of an account: every rule of the policies attached to its organization,
 * its client and itself. Rules with the same id (e.g. two policies started from one template)
 * are one rule, and the strictest action wins; on a tie the most specific scope does.
 */
export function mergePolicies(policies: Array<{ source: PolicySource; rules: Rule[] }>): SourcedRule[] {
  const order = { ORGANIZATION: 0, CLIENT: 1, ACCOUNT: 2 };
  const byId = new Map<string, SourcedRule>();
  const sorted = [...policies].sort((a, b) => order[a.source.scope] - order[b.source.scope]);
  for (const { source, rules } of sorted) {
    for (const rule of rules) {
      const current = byId.get(rule.id);
      if (!current) byId.set(rule.id, { rule, source, overrides: [] });
      else if (strictness(rule) >= strictness(current.rule)) byId.set(rule.id, { rule, source, overrides: [...current.overrides, current.source] });
      else current.overrides.push(source);
    }
  }
  return [...byId.values()];
}
