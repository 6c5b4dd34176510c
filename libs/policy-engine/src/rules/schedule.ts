import { MESSAGES, REASONS } from '../messages';
import { inBlackout, inWindows, wallClock } from '../schedule';
import type { RuleKindEvaluator, RuleOfKind } from './kind';

/** Outside the posting windows, or inside a blackout, in the account's own time zone. */
export const schedule: RuleKindEvaluator<RuleOfKind<'schedule'>> = {
  evaluate({ rule, post, now, emit }) {
    const at = post.scheduledAt ? new Date(post.scheduledAt) : (now ?? new Date());
    if (Number.isNaN(at.getTime())) return;
    const timeZone = post.timezone ?? 'UTC';
    let clock: ReturnType<typeof wallClock>;
    try {
      clock = wallClock(at, timeZone);
    } catch {
      return; // an unknown time zone is rejected where the account is saved
    }
    const blackout = inBlackout(at, timeZone, rule.blackouts);
    if (blackout) emit(MESSAGES.blackout(clock.label, blackout.label), [], REASONS.blackout(blackout.from, blackout.to));
    else if (rule.windows.length && !inWindows(clock.day, clock.minute, rule.windows))
      emit(MESSAGES.outsideWindow(clock.label), [], REASONS.outsideWindow(rule.windows));
  },
};
