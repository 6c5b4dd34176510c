import { MESSAGES } from '../messages';
import type { Span } from '../pii';
import { parseTerm } from '../terms';
import { isWordChar } from '../normalize';
import { dedupe, type Hit, type RuleKindEvaluator, type RuleOfKind } from './kind';

/** The index of the word at `offset` among the word starts. */
export function wordIndex(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Start offsets of the words of `text` (for NEAR distances). */
export function wordStarts(text: string): Int32Array {
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (isWordChar(text.charCodeAt(i)) && (i === 0 || !isWordChar(text.charCodeAt(i - 1)))) starts.push(i);
  }
  return Int32Array.from(starts);
}

/** Words and phrases (wildcards, NEAR/n pairs), minus exceptions: one finding per term found. */
export const lexicon: RuleKindEvaluator<RuleOfKind<'lexicon'>> = {
  compile({ rule, ruleIndex, compiled, addUse, needWords }) {
    rule.terms.forEach((raw) => {
      const term = parseTerm(raw);
      if ('error' in term) return;
      if (term.type === 'near') {
        needWords();
        const ref = compiled.nearTerms.push({ display: term.display, distance: term.distance }) - 1;
        addUse(term.a, { rule: ruleIndex, role: 'nearA', ref });
        addUse(term.b, { rule: ruleIndex, role: 'nearB', ref });
      } else {
        const ref = compiled.termDisplays.push(term.display) - 1;
        addUse(term, { rule: ruleIndex, role: 'term', ref });
      }
    });
    rule.exceptions.forEach((raw) => {
      const term = parseTerm(raw);
      if (!('error' in term) && term.type === 'literal') addUse(term, { rule: ruleIndex, role: 'exception', ref: 0 });
    });
  },

  evaluate({ compiled, hits, words, map, emit }) {
    const exceptions = hits.filter((h) => h.use.role === 'exception');
    const excused = (h: Hit) => exceptions.some((x) => x.start <= h.start && h.end <= x.end);
    const byTerm = new Map<number, Span[]>();
    for (const hit of hits) {
      if (hit.use.role !== 'term' || excused(hit)) continue;
      const spans = byTerm.get(hit.use.ref) ?? [];
      spans.push(map(hit));
      byTerm.set(hit.use.ref, spans);
    }
    for (const [ref, spans] of byTerm) emit(MESSAGES.lexicon(compiled.termDisplays[ref]), dedupe(spans));
    if (!words) return;
    compiled.nearTerms.forEach((near, ref) => {
      const as = hits.filter((h) => h.use.role === 'nearA' && h.use.ref === ref && !excused(h));
      const bs = hits.filter((h) => h.use.role === 'nearB' && h.use.ref === ref && !excused(h));
      const spans: Span[] = [];
      for (const a of as) {
        for (const b of bs) {
          if (a.start === b.start) continue;
          if (Math.abs(wordIndex(words, a.start) - wordIndex(words, b.start)) <= near.distance) spans.push(map(a), map(b));
        }
      }
      if (spans.length) emit(MESSAGES.lexicon(near.display), dedupe(spans));
    });
  },
};
