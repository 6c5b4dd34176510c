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

/** Just what a picker shows. */
export const ClientOptionsQuery = graphql(`
  query ClientOptions($filter: ClientFilter, $first: Int) {
    clients(filter: $filter, first: $first) {
      edges {
        node {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

/** One client's name, to label a choice made elsewhere (a filter read from the URL). */
export const ClientNameQuery = graphql(`
  query ClientName($id: ID!) {
    client(id: $id) {
      id
      name
    }
  }
`);
