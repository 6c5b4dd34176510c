import { MESSAGES, REASONS } from '../messages';
import { parseTerm } from '../terms';
import { dedupe, type RuleKindEvaluator, type RuleOfKind } from './kind';
import { expandNames } from './lexicon';

/**
 * A required phrase, when the post mentions what calls for it (or always) — and, with
 * `andMentioning`, only when it also says one of those words (a client named in praise).
 */
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
    for (const raw of rule.andMentioning.flatMap((entry) => expandNames(entry, context))) {
      const term = parseTerm(raw);
      if (!('error' in term) && term.type === 'literal') addUse(term, { rule: ruleIndex, role: 'mention', ref: 1 });
    }
  },

  evaluate({ rule, original, hits, map, emit }) {
    const mentions = hits.filter((h) => h.use.role === 'mention' && h.use.ref === 0).map(map);
    if (rule.whenMentioning.length && !mentions.length) return;
    const also = hits.filter((h) => h.use.role === 'mention' && h.use.ref === 1).map(map);
    if (rule.andMentioning.length && !also.length) return;
    if (hits.some((h) => h.use.role === 'disclaimer')) return;
    const reason = mentions.length
      ? REASONS.disclaimerMentioned(original.slice(mentions[0].start, mentions[0].end), rule.phrases)
      : REASONS.disclaimerAlways(rule.phrases);
    emit(MESSAGES.disclaimer(rule.phrases), dedupe([...mentions, ...also]), reason);
  },
};
