import { graphql } from '../../gql';

export const ClientFields = graphql(`
  fragment ClientFields on Client {
    id
    name
    createdAt
    archivedAt
    canReadConfidentialTerms
    confidentialTerms
    accountCount
    team {
      id
      name
      role
    }
  }
`);

export const ClientsQuery = graphql(`
  query Clients($filter: ClientFilter, $first: Int, $after: String) {
    clients(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          ...ClientFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateClientMutation = graphql(`
  mutation CreateClient($input: CreateClientInput!) {
    createClient(input: $input) {
      ...ClientFields
    }
  }
`);

export const UpdateClientMutation = graphql(`
  mutation UpdateClient($input: UpdateClientInput!) {
    updateClient(input: $input) {
      ...ClientFields
    }
  }
`);

export const ArchiveClientMutation = graphql(`
  mutation ArchiveClient($id: ID!) {
    archiveClient(id: $id) {
      ...ClientFields
    }
  }
`);
