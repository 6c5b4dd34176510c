import type { PolicyContext } from '../types';
import { MESSAGES, REASONS } from '../messages';
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

const PLACEHOLDER = /\{(organization|client|colleague|competitor)\}/;

/**
 * `{organization}`, `{client}`, `{colleague}` and `{competitor}` in a term stand for each of those
 * names, read from the context when the policy compiles (a renamed organization or a new client is
 * in the next check, nothing is copied into rules). A colleague is named in full or by first name.
 * A term whose names are unknown stands for nothing.
 */
export function expandNames(raw: string, context: PolicyContext): string[] {
  const match = PLACEHOLDER.exec(raw);
  if (!match) return [raw];
  const names =
    match[1] === 'organization'
      ? (context.organizationNames ?? [])
      : match[1] === 'client'
        ? (context.clients ?? []).map((c) => c.name)
        : match[1] === 'competitor'
          ? (context.competitors ?? [])
          : [...new Set((context.colleagues ?? []).flatMap((name) => [name, name.split(/\s+/)[0]]))];
  return [...new Set(names.filter((n) => n.trim().length >= 3))].flatMap((name) => expandNames(raw.replace(match[0], name), context));
}

/** Words and phrases (wildcards, NEAR/n pairs), minus exceptions: one finding per term found. */
export const lexicon: RuleKindEvaluator<RuleOfKind<'lexicon'>> = {
  compile({ rule, ruleIndex, compiled, context, addUse, needWords }) {
    rule.terms
      .flatMap((raw) => expandNames(raw, context))
      .forEach((raw) => {
        const term = parseTerm(raw);
        if ('error' in term) return;
        if (term.type === 'near') {
          needWords();
          const ref = compiled.nearTerms.push({ display: term.display, a: term.a.display, b: term.b.display, distance: term.distance }) - 1;
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

  evaluate({ compiled, original, hits, words, map, emit }) {
    const exceptions = hits.filter((h) => h.use.role === 'exception');
    const excused = (h: Hit) => exceptions.some((x) => x.start <= h.start && h.end <= x.end);
    const byTerm = new Map<number, Span[]>();
    for (const hit of hits) {
      if (hit.use.role !== 'term' || excused(hit)) continue;
      const spans = byTerm.get(hit.use.ref) ?? [];
      spans.push(map(hit));
      byTerm.set(hit.use.ref, spans);
    }
    // One finding per span: terms that fold alike ("élection*", "election*") found the same words.
    const covered = new Set<string>();
    for (const [ref, spans] of byTerm) {
      const fresh = dedupe(spans).filter((s) => !covered.has(`${s.start}:${s.end}`));
      if (!fresh.length) continue;
      fresh.forEach((s) => covered.add(`${s.start}:${s.end}`));
      emit(MESSAGES.lexicon(compiled.termDisplays[ref]), fresh, REASONS.term(compiled.termDisplays[ref]));
    }
    if (!words) return;
    // Hits grouped by NEAR pair once (a policy may hold thousands of pairs; a post hits few).
    const sides = new Map<number, { as: Hit[]; bs: Hit[] }>();
    for (const hit of hits) {
      if ((hit.use.role !== 'nearA' && hit.use.role !== 'nearB') || excused(hit)) continue;
      const side = sides.get(hit.use.ref) ?? { as: [], bs: [] };
      (hit.use.role === 'nearA' ? side.as : side.bs).push(hit);
      sides.set(hit.use.ref, side);
    }
    for (const [ref, { as, bs }] of sides) {
      if (!as.length || !bs.length) continue;
      const near = compiled.nearTerms[ref];
      const spans: Span[] = [];
      let first: [Span, Span] | null = null;
      for (const a of as) {
        const at = wordIndex(words, a.start);
        for (const b of bs) {
          if (a.start === b.start) continue;
          if (Math.abs(at - wordIndex(words, b.start)) > near.distance) continue;
          spans.push(map(a), map(b));
          first ??= [map(a), map(b)];
        }
      }
      if (!first) continue;
      const said = (s: Span) => original.slice(s.start, s.end);
      emit(MESSAGES.lexiconNear(near.a, near.b), dedupe(spans), REASONS.near(said(first[0]), said(first[1]), near.distance));
    }
  },
};
