/**
 * The states of a post. After approval it goes out: PUBLISHING while its targets' publications
 * run, then PUBLISHED (every target has it) or FAILED (a target gave up; retry or edit).
 */
export const POST_STATES = [
  'DRAFT',
  'IN_REVIEW',
  'CHANGES_REQUESTED',
  'APPROVED',
  'SCHEDULED',
  'PUBLISHING',
  'PUBLISHED',
  'FAILED',
  'REJECTED',
  'CANCELLED',
] as const;
export type PostState = (typeof POST_STATES)[number];

/**
 * What can happen to a post.
 * - `edit`: a new revision. Any approval given so far no longer counts: the post goes back to
 *   DRAFT and its chain starts again from the first step when it is submitted again.
 * - `submit`: the policy allowed it; review starts (`submitApproved`: nobody has to approve).
 * - `approve`: an approval that leaves steps to go; `approveLast`: the one that completes the chain.
 * - `reject`: final. `requestChanges`: back to the author.
 * - `schedule` / `unschedule`: a time to go out (APPROVED ⇄ SCHEDULED; rescheduling stays SCHEDULED).
 * - `cancel`: withdrawn, final.
 * - `publish`: its time came (or "publish now"): the targets' publications run.
 * - `published` / `failed`: every publication finished; all went out, or one gave up.
 * - `retry`: a person asks the failed publications to run again.
 * - `policyChanged`: before going out, the policy (changed since the approval) no longer lets it
 *   go: back to the author with the reason, to edit and submit again.
 * - `reviewAgain`: an approved post moved to a time its posting hours send to another approval:
 *   back to review for that step (the approvals given still count).
 */
export const POST_EVENTS = [
  'edit',
  'submit',
  'submitApproved',
  'approve',
  'approveLast',
  'reject',
  'requestChanges',
  'schedule',
  'unschedule',
  'cancel',
  'publish',
  'published',
  'failed',
  'retry',
  'policyChanged',
  'reviewAgain',
] as const;
export type PostEvent = (typeof POST_EVENTS)[number];

/** The one table of allowed transitions: state → event → next state. Anything absent is impossible. */
export const TRANSITIONS: Readonly<Record<PostState, Partial<Record<PostEvent, PostState>>>> = {
  DRAFT: { edit: 'DRAFT', submit: 'IN_REVIEW', submitApproved: 'APPROVED', cancel: 'CANCELLED' },
  IN_REVIEW: {
    edit: 'DRAFT',
    approve: 'IN_REVIEW',
    approveLast: 'APPROVED',
    reject: 'REJECTED',
    requestChanges: 'CHANGES_REQUESTED',
    cancel: 'CANCELLED',
  },
  CHANGES_REQUESTED: { edit: 'CHANGES_REQUESTED', submit: 'IN_REVIEW', submitApproved: 'APPROVED', cancel: 'CANCELLED' },
  APPROVED: {
    edit: 'DRAFT',
    schedule: 'SCHEDULED',
    cancel: 'CANCELLED',
    publish: 'PUBLISHING',
    policyChanged: 'CHANGES_REQUESTED',
    reviewAgain: 'IN_REVIEW',
  },
  SCHEDULED: {
    edit: 'DRAFT',
    schedule: 'SCHEDULED',
    unschedule: 'APPROVED',
    cancel: 'CANCELLED',
    publish: 'PUBLISHING',
    policyChanged: 'CHANGES_REQUESTED',
    reviewAgain: 'IN_REVIEW',
  },
  // Something may be out already: no edit, no cancel until every publication has finished.
  PUBLISHING: { published: 'PUBLISHED', failed: 'FAILED', policyChanged: 'CHANGES_REQUESTED' },
  PUBLISHED: {},
  FAILED: { retry: 'PUBLISHING', edit: 'DRAFT', cancel: 'CANCELLED' },
  REJECTED: {},
  CANCELLED: {},
};

/** Why a transition cannot happen, in words and with the state the post is in. */
export class TransitionError extends Error {
  constructor(
    readonly state: PostState,
    readonly event: PostEvent,
  ) {
    super(`This post is ${describeState(state)}: it cannot be ${EVENT_WORDS[event]} now.`);
    this.name = 'TransitionError';
  }
}

const STATE_WORDS: Record<PostState, string> = {
  DRAFT: 'a draft',
  IN_REVIEW: 'in review',
  CHANGES_REQUESTED: 'waiting for changes',
  APPROVED: 'approved',
  SCHEDULED: 'scheduled',
  PUBLISHING: 'being published',
  PUBLISHED: 'published',
  FAILED: 'failed to publish',
  REJECTED: 'rejected',
  CANCELLED: 'cancelled',
};

const EVENT_WORDS: Record<PostEvent, string> = {
  edit: 'edited',
  submit: 'submitted',
  submitApproved: 'submitted',
  approve: 'approved',
  approveLast: 'approved',
  reject: 'rejected',
  requestChanges: 'sent back for changes',
  schedule: 'scheduled',
  unschedule: 'unscheduled',
  cancel: 'cancelled',
  publish: 'published',
  published: 'marked published',
  failed: 'marked failed',
  retry: 'retried',
  policyChanged: 'sent back for the policy',
  reviewAgain: 'sent back to review',
};

export function describeState(state: PostState): string {
  return STATE_WORDS[state];
}

/** The state `event` leads to from `state`, or null when it cannot happen. */
export function nextState(state: PostState, event: PostEvent): PostState | null {
  return TRANSITIONS[state][event] ?? null;
}

/** The state `event` leads to; throws TransitionError when it cannot happen. */
export function transition(state: PostState, event: PostEvent): PostState {
  const next = nextState(state, event);
  if (!next) throw new TransitionError(state, event);
  return next;
}

/** States in which the post is finished with: nothing more happens to it. */
export function isFinal(state: PostState): boolean {
  return Object.keys(TRANSITIONS[state]).length === 0;
}

/** States an editor may still change the text in. */
export function isEditable(state: PostState): boolean {
  return nextState(state, 'edit') !== null;
}

export function isPostState(value: unknown): value is PostState {
  return typeof value === 'string' && (POST_STATES as readonly string[]).includes(value);
}
