import type { RE2JS } from 're2js';
import type { Messages } from '../messages';
import type { Span } from '../pii';
import type { Locale, PolicyContext, Post, Rule, RuleKind } from '../types';
import type { ParsedLiteral } from '../terms';

/** What a literal in the automaton stands for in its rule. */
export type UseRole = 'term' | 'exception' | 'near' | 'colleague' | 'client' | 'disclaimer' | 'mention';

export interface Use {
  rule: number;
  role: UseRole;
  literal: ParsedLiteral;
  /** Index of the term / NEAR pair in its rule, or the client's index. */
  ref: number;
}

export interface Hit {
  use: Use;
  start: number;
  end: number;
}

/** What compiling leaves for a rule to evaluate with. */
export interface CompiledRule {
  rule: Rule;
  nearTerms: Array<{ display: string; a: string; b: string; distance: number }>;
  /**
   * NEAR pairs by the literal of their first side (`near` uses carry literal indexes): each side
   * literal is in the automaton once per rule, however many pairs share it — a put-down list
   * times a list of targets makes thousands of pairs but few distinct words.
   */
  nearPairsByA: Map<number, Array<{ b: number; ref: number }>>;
  /** Some of its terms are written for one language (`[fr] …`): a post clearly in the other skips them. */
  languageTagged: boolean;
  termDisplays: string[];
  regex?: RE2JS;
}

/** Given to a rule kind while the policy compiles. */
export interface CompileStep<R extends Rule> {
  rule: R;
  ruleIndex: number;
  compiled: CompiledRule;
  context: PolicyContext;
  /** Puts a literal in the policy's one automaton, for this rule. */
  addUse(literal: ParsedLiteral, use: Omit<Use, 'literal'>): void;
  /** A plain (no wildcard) literal from raw text, or null when it folds to nothing. */
  literal(raw: string): ParsedLiteral | null;
  /** Says the post's word positions will be needed (NEAR). */
  needWords(): void;
}

/** Given to a rule kind for one post. */
export interface EvaluationStep<R extends Rule> {
  rule: R;
  compiled: CompiledRule;
  post: Post;
  /** The post's text as written (spans are offsets in it). */
  original: string;
  /** This rule's automaton hits, in the folded text. */
  hits: Hit[];
  /** Start offsets of the folded text's words, when some rule asked for them. */
  words: Int32Array | null;
  clients: ReadonlyArray<{ id: string; name: string }>;
  now: Date | undefined;
  locale: Locale;
  /** The post's language, when the policy reads it and it is clear. */
  language: Locale | null;
  /** A hit's span in the original text. */
  map(hit: { start: number; end: number }): Span;
  /** One finding; `reason` says why it fired (the term, the words found, the context that made them count). */
  emit(messages: Messages, spans: Span[], reason?: Messages): void;
}

/** One kind of rule: how it compiles (if it needs to) and what it finds in a post. */
export interface RuleKindEvaluator<R extends Rule> {
  compile?(step: CompileStep<R>): void;
  evaluate(step: EvaluationStep<R>): void;
}

export type RuleOfKind<K extends RuleKind> = Extract<Rule, { kind: K }>;

/** Spans without duplicates, in order (sorts `spans` in place). */
export function dedupe(spans: Span[]): Span[] {
  const before = (a: Span, b: Span) => a.start - b.start || a.end - b.end;
  // Most lists arrive in order (hits are found left to right): sorting them would only allocate.
  let sorted = true;
  for (let i = 1; i < spans.length && sorted; i++) sorted = before(spans[i - 1], spans[i]) <= 0;
  if (!sorted) spans.sort(before);
  let kept = 0;
  for (const span of spans) {
    const last = kept ? spans[kept - 1] : null;
    if (!last || last.start !== span.start || last.end !== span.end) spans[kept++] = span;
  }
  spans.length = kept;
  return spans;
}

/** One number per span (posts are far shorter than 2^26 units), for sets of spans seen. */
export const spanKey = (span: Span) => span.start * 0x4000000 + span.end;

export const MAX_SPANS = 50;
