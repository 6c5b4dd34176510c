import type { PolicyContext } from '../types';
import { MESSAGES, REASONS } from '../messages';
import type { Span } from '../pii';
import { parseTerm } from '../terms';
import { isWordChar } from '../normalize';
import type { ParsedLiteral } from '../terms';
import { dedupe, spanKey, type Hit, type RuleKindEvaluator, type RuleOfKind } from './kind';

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
  // A word starts at most every other unit: one buffer that size, viewed up to the last start.
  const starts = new Int32Array((text.length >> 1) + 1);
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const word = isWordChar(text.charCodeAt(i));
    if (word && !inWord) starts[n++] = i;
    inWord = word;
  }
  return starts.subarray(0, n);
}

const NAMES = {
  organization: (context: PolicyContext) => context.organizationNames ?? [],
  client: (context: PolicyContext) => (context.clients ?? []).map((c) => c.name),
  client_term: (context: PolicyContext) => (context.clients ?? []).flatMap((c) => c.terms),
  competitor: (context: PolicyContext) => context.competitors ?? [],
  colleague: (context: PolicyContext) => [...new Set((context.colleagues ?? []).flatMap((name) => [name, name.split(/\s+/)[0]]))],
};
const PLACEHOLDER = new RegExp(`\\{(${Object.keys(NAMES).join('|')})\\}`);

/**
 * `{organization}`, `{client}`, `{colleague}` and `{competitor}` in a term stand for each of those
 * names, read from the context when the policy compiles (a renamed organization or a new client is
 * in the next check, nothing is copied into rules). A colleague is named in full or by first name.
 * `{client_term}` stands for every client's listed terms — its projects and offers.
 * A term whose names are unknown stands for nothing.
 */
export function expandNames(raw: string, context: PolicyContext): string[] {
  const match = PLACEHOLDER.exec(raw);
  if (!match) return [raw];
  const names = NAMES[match[1] as keyof typeof NAMES](context);
  return [...new Set(names.filter((n) => n.trim().length >= 3))].flatMap((name) => expandNames(raw.replace(match[0], name), context));
}

/** Words and phrases (wildcards, NEAR/n pairs), minus exceptions: one finding per term found. */
export const lexicon: RuleKindEvaluator<RuleOfKind<'lexicon'>> = {
  compile({ rule, ruleIndex, compiled, context, addUse, needWords }) {
    const nearLiterals = new Map<string, number>();
    const nearLiteral = (literal: ParsedLiteral) => {
      const key = `${literal.text}|${literal.prefix}|${literal.suffix}|${literal.lang ?? ''}`;
      let index = nearLiterals.get(key);
      if (index === undefined) {
        index = nearLiterals.size;
        nearLiterals.set(key, index);
        addUse(literal, { rule: ruleIndex, role: 'near', ref: index });
      }
      return index;
    };
    rule.terms
      .flatMap((raw) => expandNames(raw, context))
      .forEach((raw) => {
        const term = parseTerm(raw);
        if ('error' in term) return;
        if (term.type === 'near') {
          needWords();
          const ref = compiled.nearTerms.push({ display: term.display, a: term.a.display, b: term.b.display, distance: term.distance }) - 1;
          const a = nearLiteral(term.a);
          const pairs = compiled.nearPairsByA.get(a) ?? [];
          pairs.push({ b: nearLiteral(term.b), ref });
          compiled.nearPairsByA.set(a, pairs);
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
    const covered = new Set<number>();
    for (const [ref, spans] of byTerm) {
      const fresh = dedupe(spans).filter((s) => !covered.has(spanKey(s)));
      if (!fresh.length) continue;
      fresh.forEach((s) => covered.add(spanKey(s)));
      emit(MESSAGES.lexicon(compiled.termDisplays[ref]), fresh, REASONS.term(compiled.termDisplays[ref]));
    }
    if (!words) return;
    // Hits by side literal, then only the pairs whose first side was found (a policy may hold
    // thousands of pairs; a post hits few of their words).
    const byLiteral = new Map<number, Hit[]>();
    for (const hit of hits) {
      if (hit.use.role !== 'near' || excused(hit)) continue;
      const list = byLiteral.get(hit.use.ref);
      if (list) list.push(hit);
      else byLiteral.set(hit.use.ref, [hit]);
    }
    // Pairs whose two sides stand close enough, as hits (a, b, a, b …): most pairs a post hits
    // have their words far apart, and keep nothing.
    const found: Array<{ ref: number; close: Hit[] }> = [];
    for (const [a, as] of byLiteral) {
      for (const pair of compiled.nearPairsByA.get(a) ?? []) {
        const bs = byLiteral.get(pair.b);
        if (!bs) continue;
        const { distance } = compiled.nearTerms[pair.ref];
        let close: Hit[] | null = null;
        for (const hitA of as) {
          const at = wordIndex(words, hitA.start);
          for (const hitB of bs) {
            if (hitA.start !== hitB.start && Math.abs(at - wordIndex(words, hitB.start)) <= distance) (close ??= []).push(hitA, hitB);
          }
        }
        if (close) found.push({ ref: pair.ref, close });
      }
    }
    found.sort((x, y) => x.ref - y.ref); // in the order the rule lists them
    for (const { ref, close } of found) {
      const near = compiled.nearTerms[ref];
      const spans = close.map(map);
      const said = (s: Span) => original.slice(s.start, s.end);
      const reason = REASONS.near(said(spans[0]), said(spans[1]), near.distance); // the first pair, before spans are put in order
      emit(MESSAGES.lexiconNear(near.a, near.b), dedupe(spans), reason);
    }
  },
};
