import { graphql } from '../../gql';

export const SentMailQuery = graphql(`
  query SentMail($first: Int, $after: String) {
    sentMail(first: $first, after: $after) {
      delivery
      edges {
        node {
          id
          kind
          to
          subject
          text
          html
          redacted
          status
          transport
          createdAt
          sentAt
          attempts
          lastError
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
