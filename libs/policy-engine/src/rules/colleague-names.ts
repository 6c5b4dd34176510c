import { MESSAGES, REASONS, type Messages } from '../messages';
import type { Span } from '../pii';
import { dedupe, type RuleKindEvaluator, type RuleOfKind } from './kind';
import { wordIndex } from './lexicon';

/**
 * Colleagues' names (from the organization's members): one finding per name — or, with `near`,
 * per name that stands within `within` words of one of those terms (the words are in the spans).
 */
export const colleagueNames: RuleKindEvaluator<RuleOfKind<'colleague_names'>> = {
  compile({ rule, ruleIndex, compiled, context, addUse, literal, needWords }) {
    for (const name of new Set(context.colleagues ?? [])) {
      const term = literal(name);
      if (!term || term.text.length < 3) continue;
      const ref = compiled.termDisplays.push(name) - 1; // one person, whichever way they are named
      addUse(term, { rule: ruleIndex, role: 'colleague', ref });
      // The first name alone too ("Camille is…"), when names are only counted near private words.
      const first = rule.near.length ? literal(name.split(/\s+/)[0]) : null;
      if (first && first.text.length >= 3 && first.text !== term.text) addUse(first, { rule: ruleIndex, role: 'colleague', ref });
    }
    rule.near.forEach((raw, ref) => {
      const term = literal(raw.replace(/\*$/, ''));
      if (term) addUse(term, { rule: ruleIndex, role: 'mention', ref });
    });
    if (rule.near.length) needWords();
  },

  evaluate({ rule, compiled, original, hits, words, map, emit }) {
    const names = hits.filter((h) => h.use.role === 'colleague');
    const near = hits.filter((h) => h.use.role === 'mention');
    const byName = new Map<string, Span[]>();
    const reasonOf = new Map<string, Messages>();
    const said = (s: Span) => original.slice(s.start, s.end);
    for (const hit of names) {
      let spans: Span[] = [map(hit)];
      if (rule.near.length) {
        if (!words) continue;
        const at = wordIndex(words, hit.start);
        const close = near.filter((n) => Math.abs(wordIndex(words, n.start) - at) <= rule.within);
        if (!close.length) continue;
        spans = [map(hit), ...close.map(map)];
      }
      const key = compiled.termDisplays[hit.use.ref] ?? hit.use.literal.display;
      if (!reasonOf.has(key))
        reasonOf.set(key, rule.near.length ? REASONS.colleagueNear(said(spans[0]), said(spans[1]), rule.within) : REASONS.colleague(said(spans[0])));
      byName.set(key, [...(byName.get(key) ?? []), ...spans]);
    }
    for (const [name, spans] of byName) emit(rule.near.length ? MESSAGES.colleaguePrivate(name) : MESSAGES.colleague(name), dedupe(spans), reasonOf.get(name));
  },
};
