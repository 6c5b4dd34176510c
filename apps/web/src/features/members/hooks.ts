import { useQuery } from '@apollo/client/react';
import { isClientRole, type Role } from '@clearpost/authz';
import type { OptionSearch } from '../../ui/SearchPicker';
import { MemberOptionsQuery } from './graphql';

/** Staff matching a search (name or email), for owner pickers: client users never own accounts. */
export const useStaffSearch: OptionSearch = (search) => {
  const { data, previousData, loading } = useQuery(MemberOptionsQuery, { variables: { first: 20, filter: { search: search || null } } });
  const page = (data ?? previousData)?.membersConnection;
  return {
    options: page?.edges.filter((edge) => !isClientRole(edge.node.role as Role)).map((edge) => ({ value: edge.node.id, label: edge.node.name })) ?? [],
    loading,
    more: !!page?.pageInfo.hasNextPage,
  };
};
