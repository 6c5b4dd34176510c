import { LENGTH_LIMITS, measure } from '../length';
import { MESSAGES } from '../messages';
import type { RuleKindEvaluator, RuleOfKind } from './kind';

/** Longer than the network (or the rule) allows, counted the network's way. */
export const length: RuleKindEvaluator<RuleOfKind<'length'>> = {
  evaluate({ rule, original, post, emit }) {
    const max = rule.max ?? LENGTH_LIMITS[post.network].max;
    const { count, overflowAt } = measure(original, post.network, max);
    if (overflowAt !== null) emit(MESSAGES.length(post.network, count, max), [{ start: overflowAt, end: original.length }]);
  },
};
