import { graphql } from '../../gql';

export const SocialAccountFields = graphql(`
  fragment SocialAccountFields on SocialAccount {
    id
    network
    handle
    displayHandle
    profileUrl
    displayName
    kind
    active
    connected
    needsOwner
    needsOwnerReason
    createdAt
    client {
      id
      name
    }
    owner {
      id
      name
      email
      active
    }
  }
`);

/** Loaded when the history drawer opens, not with every page of accounts. */
export const AccountOwnershipHistoryQuery = graphql(`
  query AccountOwnershipHistory($id: ID!) {
    socialAccount(id: $id) {
      id
      ownershipHistory {
        owner {
          id
          name
          active
        }
        assignedByName
        assignedAt
        endedAt
        endedReason
      }
    }
  }
`);

/** For pickers: what a choice needs, light enough for a page of 200. */
export const AccountOptionsQuery = graphql(`
  query AccountOptions($first: Int, $after: String, $filter: SocialAccountFilter) {
    socialAccounts(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id
          displayName
          displayHandle
          network
          client {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const SocialAccountsQuery = graphql(`
  query SocialAccounts($filter: SocialAccountFilter, $first: Int, $after: String) {
    socialAccounts(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          ...SocialAccountFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AccountsNeedingOwnerQuery = graphql(`
  query AccountsNeedingOwner {
    accountsNeedingOwner {
      id
    }
  }
`);

export const AddSocialAccountMutation = graphql(`
  mutation AddSocialAccount($input: AddSocialAccountInput!) {
    addSocialAccount(input: $input) {
      ...SocialAccountFields
    }
  }
`);

export const AssignAccountOwnerMutation = graphql(`
  mutation AssignAccountOwner($input: AssignAccountOwnerInput!) {
    assignAccountOwner(input: $input) {
      ...SocialAccountFields
    }
  }
`);

export const DeactivateSocialAccountMutation = graphql(`
  mutation DeactivateSocialAccount($id: ID!) {
    deactivateSocialAccount(id: $id) {
      ...SocialAccountFields
    }
  }
`);

export const ConnectMastodonMutation = graphql(`
  mutation ConnectMastodon($input: ConnectMastodonInput!) {
    connectMastodonAccount(input: $input) {
      authorizeUrl
    }
  }
`);

export const CompleteMastodonMutation = graphql(`
  mutation CompleteMastodon($input: CompleteMastodonInput!) {
    completeMastodonConnection(input: $input) {
      accountId
      connector
      remoteHandle
    }
  }
`);

export const DisconnectAccountMutation = graphql(`
  mutation DisconnectAccount($accountId: ID!) {
    disconnectAccount(input: { accountId: $accountId }) {
      accountId
      connector
    }
  }
`);

export const ConnectBlueskyMutation = graphql(`
  mutation ConnectBluesky($input: ConnectBlueskyInput!) {
    connectBlueskyAccount(input: $input) {
      accountId
      connector
      remoteHandle
    }
  }
`);
