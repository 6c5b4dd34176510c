import { GraphQLError } from 'graphql';
import { formatError } from './format-error';

describe('formatError', () => {
  it('answers a deadlock or serialization failure inside a statement as a retryable CONFLICT, never INTERNAL', () => {
    for (const code of ['40P01', '40001', '55P03']) {
      const original = Object.assign(new Error('deadlock detected'), { code });
      const error = new GraphQLError('deadlock detected', { originalError: original });
      expect(formatError({ message: 'deadlock detected', path: ['updateOrganization'] }, error)).toEqual({
        message: 'Your change met another one at the same moment and was not saved. Please try again.',
        path: ['updateOrganization'],
        extensions: { code: 'CONFLICT', retryable: true },
      });
    }
  });

  it('still hides any other unexpected error behind INTERNAL_SERVER_ERROR, without its message', () => {
    const error = new GraphQLError('boom', { originalError: Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }) });
    expect(formatError({ message: 'relation "x" does not exist' }, error).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
