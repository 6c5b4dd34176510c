import { RE2JS } from 're2js';
import { AhoCorasick } from './aho-corasick';
import { detectLanguage } from './language';
import type { Messages } from './messages';
import { fold, foldTerm, isWordChar, type FoldedText } from './normalize';
import type { Span } from './pii';
import { EVALUATORS, MAX_SPANS, wordStarts, type CompiledRule, type Hit, type Use } from './rules';
import type { RuleKindEvaluator } from './rules/kind';
import { policySchema, type Locale, type Policy, type PolicyInput, type Rule } from './schema';
import { parseTerm, type ParsedLiteral } from './terms';
import type { Evaluation, Finding, PolicyContext, Post } from './types';

export type { Span } from './pii';
export type { Evaluation, Finding, PolicyContext, Post } from './types';

export interface PolicyIssue {
  path: Array<string | number>;
  message: string;
}

export class PolicyError extends Error {
  constructor(readonly issues: PolicyIssue[]) {
    super(issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    this.name = 'PolicyError';
  }
}

/** A policy ready to evaluate posts: validated, lexicons in one automaton, patterns compiled. */
export interface CompiledPolicy {
  readonly policy: Policy;
  readonly rules: CompiledRule[];
  readonly automaton: AhoCorasick;
  readonly uses: Use[][];
  readonly clients: Array<{ id: string; name: string }>;
  readonly needsWords: boolean;
  /** Some rule or term is written for one language: the post's language is worked out. */
  readonly needsLanguage: boolean;
}

/** Checks a policy document; the issues name the rule and field at fault. */
export function validatePolicy(input: unknown): { ok: true; policy: Policy } | { ok: false; issues: PolicyIssue[] } {
  const parsed = policySchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path as Array<string | number>, message: issue.message })) };
  }
  const issues: PolicyIssue[] = [];
  parsed.data.rules.forEach((rule, index) => {
    if (rule.kind === 'lexicon') {
      for (const [field, list] of [
        ['terms', rule.terms],
        ['exceptions', rule.exceptions],
      ] as const) {
        list.forEach((term, i) => {
          const parsedTerm = parseTerm(term);
          if ('error' in parsedTerm) issues.push({ path: ['rules', index, field, i], message: parsedTerm.error });
          else if (field === 'exceptions' && parsedTerm.type === 'near')
            issues.push({ path: ['rules', index, field, i], message: 'An exception is a phrase, not a NEAR pair.' });
        });
      }
    }
    if (rule.kind === 'regex') {
      const problem = regexProblem(rule.pattern);
      if (problem) issues.push({ path: ['rules', index, 'pattern'], message: problem });
    }
    if (rule.kind === 'schedule' && rule.windows.length === 0 && rule.blackouts.length === 0) {
      issues.push({ path: ['rules', index], message: 'Give at least one posting window or blackout period.' });
    }
  });
  return issues.length ? { ok: false, issues } : { ok: true, policy: parsed.data };
}

/**
 * Patterns run on RE2's linear-time engine (re2js, pure JavaScript, also in the browser): no
 * pattern can take more than linear time, so no ReDoS. Features RE2 cannot run in linear time
 * (backreferences, lookaround) are refused when the rule is saved.
 */
function regexProblem(pattern: string): string | null {
  try {
    const compiled = RE2JS.compile(pattern);
    if (compiled.matcher('').matches()) return 'This pattern matches an empty text; it would flag every post.';
    return null;
  } catch (error) {
    return `This pattern cannot be used: ${(error as Error).message}. Backreferences and lookarounds are not supported, so that every pattern runs in linear time.`;
  }
}

/** Validates and compiles once; evaluate() then runs many times. Throws PolicyError. */
export function compile(input: PolicyInput | Policy, context: PolicyContext = {}): CompiledPolicy {
  const validation = validatePolicy(input);
  if (!validation.ok) throw new PolicyError(validation.issues);
  const policy = validation.policy;

  const patterns: string[] = [];
  const patternIndex = new Map<string, number>();
  const uses: Use[][] = [];
  const addUse = (literal: ParsedLiteral, use: Omit<Use, 'literal'>) => {
    let index = patternIndex.get(literal.text);
    if (index === undefined) {
      index = patterns.length;
      patterns.push(literal.text);
      patternIndex.set(literal.text, index);
      uses.push([]);
    }
    uses[index].push({ ...use, literal });
  };
  const literal = (raw: string): ParsedLiteral | null => {
    const text = foldTerm(raw);
    return text ? { type: 'literal', text, display: raw.trim(), prefix: false, suffix: false } : null;
  };
  const clients = (context.clients ?? []).map(({ id, name }) => ({ id, name }));
  let needsWords = false;

  const rules: CompiledRule[] = policy.rules.map((rule, ruleIndex) => {
    const compiled: CompiledRule = { rule, nearTerms: [], termDisplays: [], nearPairsByA: new Map(), languageTagged: false };
    const evaluator = EVALUATORS[rule.kind] as RuleKindEvaluator<Rule>;
    evaluator.compile?.({ rule, ruleIndex, compiled, context, addUse, literal, needWords: () => (needsWords = true) });
    return compiled;
  });

  for (const use of uses.flat()) if (use.literal.lang) rules[use.rule].languageTagged = true;
  // Language-tagged word lists need the post's language; so does reading phone numbers of several
  // countries (the post's own language's country is tried first).
  const needsLanguage =
    policy.rules.some((rule) => (rule.kind === 'lexicon' && !!rule.languages?.length) || (rule.kind === 'personal_data' && rule.alsoCountries.length > 0)) ||
    rules.some((rule) => rule.languageTagged);
  return { policy, rules, automaton: new AhoCorasick(patterns), uses, clients, needsWords, needsLanguage };
}

function applies(rule: Rule, post: Post, language: Locale | null): boolean {
  if (rule.appliesTo?.networks?.length && !rule.appliesTo.networks.includes(post.network)) return false;
  if (rule.appliesTo?.accountKinds?.length && !rule.appliesTo.accountKinds.includes(post.accountKind)) return false;
  if (language && rule.kind === 'lexicon' && rule.languages?.length && !rule.languages.includes(language)) return false;
  return true;
}

/** Finds every lexicon-type hit in one pass over the folded text, word boundaries checked. */
function scanHits(compiled: CompiledPolicy, folded: FoldedText): Hit[][] {
  const byRule: Hit[][] = compiled.rules.map(() => []);
  const text = folded.text;
  compiled.automaton.scan(text, (patternIndex, end) => {
    const uses = compiled.uses[patternIndex];
    const start = end - compiled.automaton.patternLengths[patternIndex];
    const leftOk = start === 0 || !isWordChar(text.charCodeAt(start - 1));
    const rightOk = end === text.length || !isWordChar(text.charCodeAt(end));
    for (const use of uses) {
      if (!use.literal.suffix && !leftOk) continue;
      if (!use.literal.prefix && !rightOk) continue;
      let hitEnd = end;
      if (use.literal.prefix) while (hitEnd < text.length && isWordChar(text.charCodeAt(hitEnd))) hitEnd++; // confiden* → confidential
      let hitStart = start;
      if (use.literal.suffix) while (hitStart > 0 && isWordChar(text.charCodeAt(hitStart - 1))) hitStart--;
      byRule[use.rule].push({ use, start: hitStart, end: hitEnd });
    }
  });
  return byRule;
}

/** Widens a span so it never starts or ends inside a surrogate pair, and keeps it in bounds. */
function safeSpan(text: string, start: number, end: number): Span {
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (s > 0 && s < text.length && isLow(text.charCodeAt(s)) && isHigh(text.charCodeAt(s - 1))) s--;
  if (e > 0 && e < text.length && isLow(text.charCodeAt(e)) && isHigh(text.charCodeAt(e - 1))) e++;
  return { start: s, end: e };
}
const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Checks one post. Pure and synchronous; never throws on any post. */
export function evaluate(compiled: CompiledPolicy, post: Post, options: { locale?: Locale; now?: Date } = {}): Evaluation {
  const locale = options.locale ?? 'en';
  const original = typeof post.text === 'string' ? post.text : '';
  const folded = fold(original);
  const hits = scanHits(compiled, folded);
  const words = compiled.needsWords ? wordStarts(folded.text) : null;
  const language = compiled.needsLanguage ? detectLanguage(folded.text) : null;
  const findings: Finding[] = [];
  const map = (hit: { start: number; end: number }): Span => safeSpan(original, folded.start[hit.start], folded.end[hit.end - 1]);

  const emit = (rule: Rule, messages: Messages, spans: Span[], reasons?: Messages) => {
    const custom = rule.message;
    const merged: Messages = { en: custom?.en ?? messages.en, fr: custom?.fr ?? messages.fr };
    findings.push({
      ruleId: rule.id,
      kind: rule.kind,
      action: rule.mode === 'MONITOR' ? 'MONITOR' : rule.action,
      intendedAction: rule.action,
      approverRole: rule.action === 'REQUIRE_APPROVAL' ? (rule.approverRole ?? null) : null,
      message: merged[locale],
      messages: merged,
      spans: uniqueSafeSpans(original, spans),
      label: rule.label ?? null,
      reason: reasons ? reasons[locale] : null,
      reasons: reasons ?? null,
    });
  };

  compiled.rules.forEach((ruleCompiled, ruleIndex) => {
    const { rule } = ruleCompiled;
    if (!applies(rule, post, language)) return;
    (EVALUATORS[rule.kind] as RuleKindEvaluator<Rule>).evaluate({
      rule,
      compiled: ruleCompiled,
      post,
      original,
      // A term written for one language does not count in a post clearly in the other.
      hits:
        language && ruleCompiled.languageTagged ? hits[ruleIndex].filter((hit) => !hit.use.literal.lang || hit.use.literal.lang === language) : hits[ruleIndex],
      words,
      clients: compiled.clients,
      now: options.now,
      locale,
      language,
      map,
      emit: (messages, spans, reasons) => emit(rule, messages, spans, reasons),
    });
  });

  const enforced = findings.filter((f) => f.action !== 'MONITOR');
  return {
    findings,
    language,
    blocked: enforced.some((f) => f.action === 'BLOCK'),
    requiredApprovals: [...new Set(enforced.filter((f) => f.action === 'REQUIRE_APPROVAL' && f.approverRole).map((f) => f.approverRole as string))],
  };
}

/**
 * Spans kept whole and in bounds, each once (terms that fold to the same text, or two language
 * packs' same word, hit the same words), at most MAX_SPANS.
 */
function uniqueSafeSpans(text: string, spans: Span[]): Span[] {
  const kept: Span[] = [];
  for (const span of spans) {
    if (kept.length === MAX_SPANS) break;
    const safe = safeSpan(text, span.start, span.end);
    if (!kept.some((k) => k.start === safe.start && k.end === safe.end)) kept.push(safe);
  }
  return kept;
}
