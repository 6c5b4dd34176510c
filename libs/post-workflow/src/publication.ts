/**
 * A publication: one post going out to one account, exactly once. SCHEDULED until its time (and
 * between attempts), PUBLISHING while an attempt holds it, then PUBLISHED with the network's id,
 * FAILED (a permanent error, or the attempts ran out: a person may retry), or CANCELLED (the post
 * was edited, unscheduled or cancelled before it went out).
 */
export const PUBLICATION_STATES = ['SCHEDULED', 'PUBLISHING', 'PUBLISHED', 'FAILED', 'CANCELLED'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** Attempts before a publication that keeps failing for transient reasons gives up. */
export const MAX_PUBLISH_ATTEMPTS = 6;

/** The first retry waits about this long; each next one twice as long. */
export const FIRST_RETRY_SECONDS = 5;
/** No wait is longer than this, whatever the attempt or the network's Retry-After. */
export const MAX_RETRY_SECONDS = 3600;

/**
 * How long to wait before attempt `attempt + 1`: exponential (5 s, 10 s, 20 s…) with full jitter
 * in [50 %, 100 %] so workers that failed together do not retry together, but never less than the
 * network's Retry-After. `random` is in [0, 1).
 */
export function retryDelaySeconds(attempt: number, random: number, retryAfterSeconds?: number | null): number {
  const exponential = FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempt - 1);
  const jittered = exponential * (0.5 + random / 2);
  const wait = Math.max(jittered, retryAfterSeconds ?? 0);
  return Math.min(MAX_RETRY_SECONDS, Math.round(wait * 10) / 10);
}

/** Whether nothing more will happen to a publication without a person. */
export function isSettled(state: PublicationState): boolean {
  return state === 'PUBLISHED' || state === 'FAILED' || state === 'CANCELLED';
}

/**
 * What the post becomes once its publications are settled: PUBLISHED when every live one went
 * out, FAILED when one gave up; null while any is still to run (or there is none).
 */
export function postOutcome(states: readonly PublicationState[]): 'PUBLISHED' | 'FAILED' | null {
  const live = states.filter((s) => s !== 'CANCELLED');
  if (!live.length || !live.every(isSettled)) return null;
  return live.every((s) => s === 'PUBLISHED') ? 'PUBLISHED' : 'FAILED';
}
