import { graphql } from '../../gql';

export const MeQuery = graphql(`
  query Me {
    me {
      id
      email
      name
      locale
      memberships {
        role
        permissions
        joinedAt
        clientIds
        organization {
          id
          name
        }
      }
    }
  }
`);

export const CreateOrganizationMutation = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
      name
    }
  }
`);
