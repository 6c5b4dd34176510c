import { graphql } from '../../gql';

export const AuditEventsQuery = graphql(`
  query AuditEvents($first: Int, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          seq
          occurredAt
          action
          actor {
            id
            name
          }
          targetType
          targetId
          data
          prevHash
          hash
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const VerifyAuditChainQuery = graphql(`
  query VerifyAuditChain {
    verifyAuditChain {
      ok
      checkedCount
      firstBrokenSeq
      headSeq
      headHash
    }
  }
`);
