import { graphql } from '../../gql';

export const InvitationPreviewQuery = graphql(`
  query InvitationPreview($token: String!) {
    invitation(token: $token) {
      organizationName
      email
      role
      invitedByName
      expiresAt
      accountExists
    }
  }
`);

export const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      role
      organization {
        id
        name
      }
      auth {
        ...SessionFields
      }
    }
  }
`);
