import { graphql } from '../../gql';

export const MemberFields = graphql(`
  fragment MemberFields on Member {
    id
    name
    email
    role
    joinedAt
    ownedAccountCount
    clients {
      id
      name
    }
  }
`);

export const InvitationFields = graphql(`
  fragment InvitationFields on Invitation {
    id
    email
    role
    status
    invitedByName
    createdAt
    expiresAt
    lastSentAt
    sentCount
    clients {
      id
      name
    }
  }
`);

export const MembersQuery = graphql(`
  query Members {
    members {
      ...MemberFields
    }
  }
`);

export const InvitationsQuery = graphql(`
  query Invitations {
    invitations {
      ...InvitationFields
    }
  }
`);

export const InviteMemberMutation = graphql(`
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      ...InvitationFields
    }
  }
`);

export const ResendInvitationMutation = graphql(`
  mutation ResendInvitation($id: ID!) {
    resendInvitation(id: $id) {
      ...InvitationFields
    }
  }
`);

export const RevokeInvitationMutation = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
      status
    }
  }
`);

export const UpdateMemberRoleMutation = graphql(`
  mutation UpdateMemberRole($input: UpdateMemberRoleInput!) {
    updateMemberRole(input: $input) {
      ...MemberFields
    }
  }
`);

export const RemoveMemberMutation = graphql(`
  mutation RemoveMember($memberId: ID!) {
    removeMember(memberId: $memberId) {
      accountsNeedingOwner
      member {
        id
      }
    }
  }
`);

/** Just what a picker shows, searched on the server. */
export const MemberOptionsQuery = graphql(`
  query MemberOptions($filter: MemberFilter, $first: Int) {
    membersConnection(filter: $filter, first: $first) {
      edges {
        node {
          id
          name
          role
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);
