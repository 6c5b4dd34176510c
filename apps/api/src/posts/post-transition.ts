import { transition, TransitionError, type PostEvent, type PostState } from '@clearpost/post-workflow';
import { conflict } from '../common/errors';

/** The workflow's next state, or its refusal as a CONFLICT naming the current state. */
export function step(state: PostState, event: PostEvent): PostState {
  try {
    return transition(state, event);
  } catch (error) {
    if (error instanceof TransitionError) throw conflict(error.message, { state });
    throw error;
  }
}
