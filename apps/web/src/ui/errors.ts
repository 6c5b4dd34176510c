import { CombinedGraphQLErrors } from '@apollo/client';
import { notifications } from '@mantine/notifications';
import { i18n } from '../i18n';

/** The sentence to show a person for a failed operation, and the input field at fault if any. */
export function describeError(error: unknown): { message: string; field?: string; code?: string } {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    return {
      message: first?.message ?? i18n.t('errors.generic'),
      field: first?.extensions?.field as string | undefined,
      code: first?.extensions?.code as string | undefined,
    };
  }
  return { message: i18n.t('errors.unreachable') };
}

/** A red notification with the server's reason, for actions that have no form to show it in. */
export function notifyFailure(error: unknown, title?: string): void {
  notifications.show({ color: 'red', title: title ?? i18n.t('errors.didNotWork'), message: describeError(error).message });
}

/**
 * Puts the server's message on the form field it names when the form has that field; otherwise
 * returns it, for an alert above the form.
 */
export function formError(error: unknown, fields: object, setFieldError: (field: string, message: string) => void): string | null {
  const problem = describeError(error);
  if (problem.field && problem.field in fields) {
    setFieldError(problem.field, problem.message);
    return null;
  }
  return problem.message;
}
