import { MESSAGES } from '../messages';
import { parseTerm } from '../terms';
import type { RuleKindEvaluator, RuleOfKind } from './kind';
import { expandNames } from './lexicon';

/** A required phrase, when the post mentions what calls for it (or always). */
export const disclaimer: RuleKindEvaluator<RuleOfKind<'disclaimer'>> = {
  compile({ rule, ruleIndex, context, addUse, literal }) {
    for (const raw of rule.phrases) {
      const term = literal(raw);
      if (term) addUse(term, { rule: ruleIndex, role: 'disclaimer', ref: 0 });
    }
    // `{client}` or `{organization}` here stand for the context's names, read at check time.
    for (const raw of rule.whenMentioning.flatMap((entry) => expandNames(entry, context))) {
      const term = parseTerm(raw);
      if (!('error' in term) && term.type === 'literal') addUse(term, { rule: ruleIndex, role: 'mention', ref: 0 });
    }
  },

  evaluate({ rule, hits, map, emit }) {
    const mentioned = rule.whenMentioning.length === 0 || hits.some((h) => h.use.role === 'mention');
    const carried = hits.some((h) => h.use.role === 'disclaimer');
    if (mentioned && !carried) emit(MESSAGES.disclaimer(rule.phrases), hits.filter((h) => h.use.role === 'mention').map(map));
  },
};
