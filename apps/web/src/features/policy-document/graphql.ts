import { graphql } from '../../gql';

export const PolicyDocumentVersionFields = graphql(`
  fragment PolicyDocumentVersionFields on PolicyDocumentVersion {
    id
    version
    title
    body
    changeSummary
    status
    updatedAt
    publishedAt
    publishedByName
  }
`);

export const PolicyDocumentQuery = graphql(`
  query PolicyDocument {
    policyDocument {
      current {
        ...PolicyDocumentVersionFields
      }
      draft {
        ...PolicyDocumentVersionFields
      }
      versions {
        id
        version
        publishedAt
        changeSummary
      }
    }
  }
`);

export const PolicyDocumentStatusQuery = graphql(`
  query PolicyDocumentStatus {
    policyDocumentStatus {
      mustAcknowledge
      acknowledgedAt
      current {
        ...PolicyDocumentVersionFields
      }
      lastAcknowledged {
        ...PolicyDocumentVersionFields
      }
    }
  }
`);

export const AcknowledgePolicyDocumentMutation = graphql(`
  mutation AcknowledgePolicyDocument($versionId: ID!) {
    acknowledgePolicyDocument(versionId: $versionId) {
      versionId
      acknowledgedAt
    }
  }
`);

export const UpdatePolicyDocumentDraftMutation = graphql(`
  mutation UpdatePolicyDocumentDraft($input: UpdatePolicyDocumentDraftInput!) {
    updatePolicyDocumentDraft(input: $input) {
      ...PolicyDocumentVersionFields
    }
  }
`);

export const PublishPolicyDocumentMutation = graphql(`
  mutation PublishPolicyDocument($input: PublishPolicyDocumentInput!) {
    publishPolicyDocument(input: $input) {
      ...PolicyDocumentVersionFields
    }
  }
`);

export const PolicyAcknowledgementsQuery = graphql(`
  query PolicyAcknowledgements($versionId: ID!) {
    policyAcknowledgements(versionId: $versionId) {
      memberId
      name
      email
      role
      acknowledgedAt
    }
  }
`);
