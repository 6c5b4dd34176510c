import { useQuery } from '@apollo/client/react';
import { ClientsQuery } from './graphql';

/** Active clients as Select options (the first 200, by name). */
export function useClientOptions(skip = false) {
  const { data, loading } = useQuery(ClientsQuery, { variables: { first: 200 }, skip });
  const options = data?.clients.edges.map((edge) => ({ value: edge.node.id, label: edge.node.name })) ?? [];
  return { options, loading };
}
