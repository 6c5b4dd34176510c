import { MESSAGES } from '../messages';
import type { Span } from '../pii';
import { dedupe, type RuleKindEvaluator, type RuleOfKind } from './kind';

/** Colleagues' names (from the organization's members): one finding per name. */
export const colleagueNames: RuleKindEvaluator<RuleOfKind<'colleague_names'>> = {
  compile({ ruleIndex, context, addUse, literal }) {
    for (const name of new Set(context.colleagues ?? [])) {
      const term = literal(name);
      if (term && term.text.length >= 3) addUse(term, { rule: ruleIndex, role: 'colleague', ref: 0 });
    }
  },

  evaluate({ hits, map, emit }) {
    const byName = new Map<string, Span[]>();
    for (const hit of hits) {
      const spans = byName.get(hit.use.literal.display) ?? [];
      spans.push(map(hit));
      byName.set(hit.use.literal.display, spans);
    }
    for (const [name, spans] of byName) emit(MESSAGES.colleague(name), dedupe(spans));
  },
};
