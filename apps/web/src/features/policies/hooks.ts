import { useQuery } from '@apollo/client/react';
import type { PolicyContext } from '@clearpost/policy-engine';
import { useMemo } from 'react';
import { ClientsQuery } from '../clients/graphql';
import { MembersQuery } from '../members/graphql';
import { useCurrentMembership } from '../organizations/hooks/useCurrentMembership';
import { CompetitorsQuery } from './graphql';

const CONTEXT_CLIENTS = 200;

/**
 * What the in-browser preview checks against: the organization's name and competitors (for
 * {organization} and {competitor}), colleagues' names and the confidential terms the reader may
 * see, of the first 200 clients (`partial` says when there are more; the check made on the server
 * before publishing covers them all).
 */
export function usePreviewContext(readMembers: boolean): { context: PolicyContext; partial: number | null } {
  const clients = useQuery(ClientsQuery, { variables: { first: CONTEXT_CLIENTS } });
  const members = useQuery(MembersQuery, { skip: !readMembers });
  const { current, can } = useCurrentMembership();
  const competitors = useQuery(CompetitorsQuery, { skip: !can('policy.read') });
  const organization = current?.organization.name;
  const context = useMemo(
    () => ({
      organizationNames: organization ? [organization] : [],
      competitors: competitors.data?.competitors ?? [],
      colleagues: (members.data?.members ?? []).map((m) => m.name),
      clients: (clients.data?.clients.edges ?? []).map((e) => ({ id: e.node.id, name: e.node.name, terms: e.node.confidentialTerms ?? [] })),
    }),
    [organization, competitors.data, members.data, clients.data],
  );
  return { context, partial: clients.data?.clients.pageInfo.hasNextPage ? CONTEXT_CLIENTS : null };
}
