import { RE2JS } from 're2js';
import { MESSAGES, REASONS } from '../messages';
import type { Span } from '../pii';
import { MAX_SPANS, type RuleKindEvaluator, type RuleOfKind } from './kind';

/** A pattern the organization wrote, run on RE2's linear-time engine. */
export const regex: RuleKindEvaluator<RuleOfKind<'regex'>> = {
  compile({ rule, compiled }) {
    compiled.regex = RE2JS.compile(rule.pattern, rule.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  },

  evaluate({ rule, compiled, original, emit }) {
    // test() runs RE2's DFA and is several times faster than find(); most posts match nothing.
    const pattern = compiled.regex;
    if (!pattern || !pattern.test(original)) return;
    const matcher = pattern.matcher(original);
    const spans: Span[] = [];
    while (spans.length < MAX_SPANS && matcher.find()) {
      if (matcher.end() > matcher.start()) spans.push({ start: matcher.start(), end: matcher.end() });
    }
    if (spans.length) emit(MESSAGES.regex(original.slice(spans[0].start, spans[0].end)), spans, REASONS.pattern(rule.pattern));
  },
};
