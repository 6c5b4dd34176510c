import { MESSAGES } from '../messages';
import type { RuleKindEvaluator, RuleOfKind } from './kind';

const HASHTAG = /(?<![\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu;
const MENTION = /(?<![\p{L}\p{N}_.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?/gu;

/** Too many hashtags or mentions: the ones past the limit are marked. */
export const counts: RuleKindEvaluator<RuleOfKind<'counts'>> = {
  evaluate({ rule, original, emit }) {
    if (rule.maxHashtags !== undefined) {
      const tags = [...original.matchAll(HASHTAG)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
      if (tags.length > rule.maxHashtags) emit(MESSAGES.hashtags(tags.length, rule.maxHashtags), tags.slice(rule.maxHashtags));
    }
    if (rule.maxMentions !== undefined) {
      const mentions = [...original.matchAll(MENTION)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
      if (mentions.length > rule.maxMentions) emit(MESSAGES.mentions(mentions.length, rule.maxMentions), mentions.slice(rule.maxMentions));
    }
  },
};
