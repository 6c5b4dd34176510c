import { useQuery } from '@apollo/client/react';
import type { Network } from '@clearpost/networks';
import { useSearchParams } from 'react-router';
import type { OptionSearch } from '../../ui/SearchPicker';
import { AccountOptionsQuery } from './graphql';

/** Active accounts matching a search (handle or display name), for pickers. */
export const useAccountSearch: OptionSearch = (search) => {
  const { data, previousData, loading } = useQuery(AccountOptionsQuery, { variables: { first: 20, filter: { search: search || null } } });
  const page = (data ?? previousData)?.socialAccounts;
  return {
    options:
      page?.edges.map(({ node }) => ({ value: node.id, label: `${node.displayName} (${node.displayHandle}${node.client ? ` · ${node.client.name}` : ''})` })) ??
      [],
    loading,
    more: !!page?.pageInfo.hasNextPage,
  };
};

/** "Your organization and staff": the accounts of no client, as a choice beside the clients. */
export const OWN_ACCOUNTS = 'own';

/** The accounts page's filters, kept in the URL so a filtered view can be shared and reloaded. */
export function useAccountFilters() {
  const [params, setParams] = useSearchParams();
  const client = params.get('client');
  const network = params.get('network') as Network | null;
  const needsOwner = params.get('needsOwner') === '1';
  const set = (name: 'client' | 'network' | 'needsOwner', value: string | null) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });
  return {
    client,
    network,
    needsOwner,
    set,
    filtered: !!(client || network || needsOwner),
    /** As the API takes it. */
    filter: {
      clientId: client && client !== OWN_ACCOUNTS ? client : undefined,
      withoutClient: client === OWN_ACCOUNTS ? true : undefined,
      network: network ?? undefined,
      needsOwner: needsOwner ? true : undefined,
    },
  };
}
