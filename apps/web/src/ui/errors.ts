import { CombinedGraphQLErrors } from '@apollo/client';

/** The sentence to show a person for a failed operation, and the input field at fault if any. */
export function describeError(error: unknown): { message: string; field?: string; code?: string } {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    return {
      message: first?.message ?? 'Something went wrong.',
      field: first?.extensions?.field as string | undefined,
      code: first?.extensions?.code as string | undefined,
    };
  }
  return { message: 'Clearpost could not be reached. Check your connection and try again.' };
}
