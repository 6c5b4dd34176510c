import { fold } from './normalize';
import type { Action, Rule } from './schema';
import { tagLanguage } from './terms';

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
  /** The same, with what each overridden rule did and why this one won over it. */
  overridden: Array<{ source: PolicySource; action: Action; mode: Rule['mode']; because: OverrideReason }>;
  /**
   * Of those, the policies whose words were added to this rule's: two language packs of one
   * template (word lists and disclaimers) combine rather than one replacing the other.
   */
  combined: PolicySource[];
}

const STRICTNESS: Record<Action, number> = { WARN: 1, REQUIRE_APPROVAL: 2, BLOCK: 3 };
const SCOPE_ORDER = { ORGANIZATION: 0, CLIENT: 1, ACCOUNT: 2 };

/** Why a rule won over another of the same id: a stricter action, a more specific scope, or (all else equal) its policy's name comes first. */
export type OverrideReason = 'STRICTER' | 'MORE_SPECIFIC' | 'FIRST_BY_NAME';

/** How strict a rule is: its action, and an enforced rule over one that only monitors. */
function strictness(rule: Rule): number {
  return STRICTNESS[rule.action] * 2 + (rule.mode === 'MONITOR' ? 0 : 1);
}

/**
 * The effective policy of an account: every rule of the policies attached to its organization,
 * its client and itself. Rules with the same id (e.g. two policies started from one template)
 * are one rule: the strictest action wins, and on a tie the most specific scope, then the policy
 * first by name — never the order policies happen to be read in. Word lists and disclaimers of the
 * same kind combine (an English and a French pack of one template: both languages' words apply,
 * either language's disclaimer satisfies), and the result says which policies it combined.
 */
export function mergePolicies(policies: Array<{ source: PolicySource; rules: Rule[] }>): SourcedRule[] {
  const order = SCOPE_ORDER;
  const byId = new Map<string, SourcedRule>();
  const losers = new Map<string, Array<{ source: PolicySource; rule: Rule }>>();
  const sorted = [...policies].sort(
    (a, b) =>
      order[a.source.scope] - order[b.source.scope] ||
      a.source.policyName.localeCompare(b.source.policyName) ||
      a.source.policyId.localeCompare(b.source.policyId),
  );
  for (const { source, rules } of sorted) {
    for (const rule of rules) {
      const current = byId.get(rule.id);
      if (!current) {
        byId.set(rule.id, { rule, source, overrides: [], overridden: [], combined: [] });
        continue;
      }
      const stricter =
        strictness(rule) > strictness(current.rule) || (strictness(rule) === strictness(current.rule) && order[source.scope] > order[current.source.scope]);
      const [winner, loser] = stricter ? [rule, current.rule] : [current.rule, rule];
      losers.set(rule.id, [...(losers.get(rule.id) ?? []), stricter ? { source: current.source, rule: current.rule } : { source, rule }]);
      const combinedRule = combine(winner, loser);
      const next: SourcedRule = stricter
        ? { rule: combinedRule ?? rule, source, overrides: [...current.overrides, current.source], overridden: [], combined: [...current.combined] }
        : { ...current, rule: combinedRule ?? current.rule, overrides: [...current.overrides, source] };
      if (combinedRule) next.combined = [...next.combined, stricter ? current.source : source];
      byId.set(rule.id, next);
    }
  }
  // Why the winner won over each rule it overrides, judged against the final winner.
  return [...byId.values()].map((merged) => ({
    ...merged,
    overridden: (losers.get(merged.rule.id) ?? []).map(({ source, rule }) => ({
      source,
      action: rule.action,
      mode: rule.mode,
      because:
        strictness(merged.rule) > strictness(rule)
          ? 'STRICTER'
          : SCOPE_ORDER[merged.source.scope] > SCOPE_ORDER[source.scope]
            ? 'MORE_SPECIFIC'
            : 'FIRST_BY_NAME',
    })),
  }));
}

/**
 * The winner's settings with both rules' words, when they are language packs of one kind (word
 * lists, disclaimers, colleagues' private words, personal data's countries); null otherwise.
 */
function combine(winner: Rule, other: Rule): Rule | null {
  if (winner.kind === 'lexicon' && other.kind === 'lexicon') {
    // Each pack's words keep their language: `[fr] élection*` applies to French posts only.
    const tag = (rule: typeof winner, list: string[]) => {
      const [only, ...more] = rule.languages ?? [];
      return only && !more.length ? list.map((t) => tagLanguage(t, only)) : list;
    };
    const languages = winner.languages?.length && other.languages?.length ? [...new Set([...winner.languages, ...other.languages])] : undefined;
    const sameLanguages = (winner.languages ?? []).join() === (other.languages ?? []).join();
    return {
      ...winner,
      terms: sameLanguages ? unionByFold(winner.terms, other.terms) : unionByFold(tag(winner, winner.terms), tag(other, other.terms)),
      exceptions: sameLanguages ? unionByFold(winner.exceptions, other.exceptions) : unionByFold(tag(winner, winner.exceptions), tag(other, other.exceptions)),
      languages,
    };
  }
  if (winner.kind === 'disclaimer' && other.kind === 'disclaimer') {
    // Either language's phrase satisfies; the names that call for it are those of both.
    return {
      ...winner,
      phrases: unionByFold(winner.phrases, other.phrases),
      whenMentioning: unionByFold(winner.whenMentioning, other.whenMentioning),
      andMentioning: unionByFold(winner.andMentioning, other.andMentioning),
    };
  }
  if (winner.kind === 'colleague_names' && other.kind === 'colleague_names') {
    // A colleague's private life in either language's words.
    return { ...winner, near: unionByFold(winner.near, other.near), within: Math.max(winner.within, other.within) };
  }
  if (winner.kind === 'personal_data' && other.kind === 'personal_data') {
    // National numbers of both packs' countries; either pack's allowed addresses.
    const countries = [...new Set([winner.defaultCountry, ...winner.alsoCountries, other.defaultCountry, ...other.alsoCountries])];
    return {
      ...winner,
      detect: [...new Set([...winner.detect, ...other.detect])],
      alsoCountries: countries.filter((c) => c !== winner.defaultCountry),
      allowEmails: unionByFold(winner.allowEmails, other.allowEmails),
    };
  }
  return null;
}

/** Both lists, each entry once as the engine compares them (case and accents folded). */
function unionByFold(a: readonly string[], b: readonly string[]): string[] {
  return uniqueByFold([...a, ...b]);
}

/** Each entry once as the engine compares them (case and accents folded), the first spelling kept. */
export function uniqueByFold(list: readonly string[]): string[] {
  const seen = new Set<string>();
  return list.filter((entry) => {
    const key = fold(entry).text;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
