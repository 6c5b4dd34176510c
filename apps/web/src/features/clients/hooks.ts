import { useQuery } from '@apollo/client/react';
import type { OptionSearch } from '../../ui/SearchPicker';
import { ClientOptionsQuery } from './graphql';

const PAGE = 20;

/** Active clients matching a search, for pickers: the first 20 by name, and whether more match. */
export const useClientSearch: OptionSearch = (search) => {
  const { data, previousData, loading } = useQuery(ClientOptionsQuery, { variables: { first: PAGE, filter: { search: search || null } } });
  const page = (data ?? previousData)?.clients;
  return {
    options: page?.edges.map((edge) => ({ value: edge.node.id, label: edge.node.name })) ?? [],
    loading,
    more: !!page?.pageInfo.hasNextPage,
  };
};
