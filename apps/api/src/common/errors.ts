import { GraphQLError } from 'graphql';

/** The codes a client can rely on in `extensions.code`. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'PAYLOAD_TOO_LARGE'
  | 'BAD_REQUEST'
  | 'INTERNAL_SERVER_ERROR';

/**
 * An error meant for the person using the product: a code, a sentence they understand, and for
 * bad input the field at fault. Anything else thrown is logged and replaced by a generic message.
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const unauthenticated = (message = 'Please sign in to continue.') => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You do not have access to this.') => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);
export const badInput = (field: string, message: string) => new AppError('BAD_USER_INPUT', message, { field });
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new AppError('CONFLICT', message, extra);
/** `retryAfter` (seconds) is the contract; `retryAfterSeconds` is kept for clients written before it. */
export const tooManyRequests = (retryAfterSeconds: number) => {
  const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError('TOO_MANY_REQUESTS', `Too many attempts. Please wait ${Math.max(1, Math.ceil(retryAfter / 60))} minute(s) and try again.`, {
    retryAfter,
    retryAfterSeconds: retryAfter,
  });
};

/**
 * A row the operation itself just locked or wrote, read back in the same transaction: it cannot be
 * missing, so a missing one is a fault (500), not the caller's mistake.
 */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`${what} is missing inside the transaction that holds it`);
  return value;
}
