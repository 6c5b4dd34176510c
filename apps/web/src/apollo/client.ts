import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { from, switchMap, throwError } from 'rxjs';
import { currentLocale } from '../i18n';
import { organizationStore } from '../session/organization';
import { refreshSession, sessionStore } from '../session/session';

/** Operations that manage the session themselves and must never trigger a refresh-and-retry. */
const SESSION_OPERATIONS = new Set(['LogIn', 'SignUp', 'LogOut', 'RefreshSession']);

const headers = new SetContextLink((previous) => {
  const token = sessionStore.accessToken();
  const organizationId = organizationStore.get();
  return {
    headers: {
      ...previous.headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(organizationId ? { 'x-organization-id': organizationId } : {}),
      // The interface's language: a new account keeps it, and the API answers in it.
      'accept-language': currentLocale(),
    },
  };
});

/** An expired access token is renewed once, silently, and the operation retried. */
const renewOnExpiry = new ErrorLink(({ error, operation, forward }) => {
  const unauthenticated = CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  if (!unauthenticated || SESSION_OPERATIONS.has(operation.operationName ?? '') || operation.getContext().renewed) return;
  return from(refreshSession()).pipe(
    switchMap((renewed) => {
      if (!renewed) return throwError(() => error);
      operation.setContext({ renewed: true });
      return forward(operation);
    }),
  );
});

export const apolloClient = new ApolloClient({
  link: ApolloLink.from([renewOnExpiry, headers, new HttpLink({ uri: '/graphql', credentials: 'same-origin' })]),
  cache: new InMemoryCache({
    typePolicies: {
      // Audit pages are appended by "Load more"; each filter combination is its own list.
      Query: {
        fields: {
          auditEvents: { keyArgs: ['filter'], merge: mergeConnection },
          clients: { keyArgs: ['filter'], merge: mergeConnection },
          socialAccounts: { keyArgs: ['filter'], merge: mergeConnection },
          sentMail: { keyArgs: false, merge: mergeConnection },
          members: { merge: false },
          invitations: { merge: false },
          accountsNeedingOwner: { merge: false },
        },
      },
      AuditEvent: { keyFields: ['id'] },
    },
  }),
  defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
});

interface Connection {
  edges: unknown[];
  pageInfo: unknown;
}

function mergeConnection(existing: Connection | undefined, incoming: Connection, { args }: { args: Record<string, unknown> | null }): Connection {
  if (!existing || !args?.after) return incoming;
  return { ...incoming, edges: [...existing.edges, ...incoming.edges] };
}
