import { graphql } from '../../gql';

export const PolicyFields = graphql(`
  fragment PolicyFields on Policy {
    id
    name
    description
    templateId
    createdAt
    draft {
      version
      status
      rules
      ruleCount
      updatedAt
    }
    published {
      version
      status
      rules
      ruleCount
      publishedAt
      publishedByName
    }
    versions {
      version
      status
      ruleCount
      updatedAt
      publishedAt
      publishedByName
    }
    attachments {
      id
      policyId
      scope
      targetId
      targetName
    }
  }
`);

export const PoliciesQuery = graphql(`
  query Policies {
    policies {
      ...PolicyFields
    }
  }
`);

export const PolicyQuery = graphql(`
  query Policy($id: ID!) {
    policy(id: $id) {
      ...PolicyFields
    }
  }
`);

export const PolicyTemplatesQuery = graphql(`
  query PolicyTemplates {
    policyTemplates {
      id
      locale
      name
      description
    }
  }
`);

export const CreatePolicyMutation = graphql(`
  mutation CreatePolicy($input: CreatePolicyInput!) {
    createPolicy(input: $input) {
      ...PolicyFields
    }
  }
`);

export const UpdatePolicyDraftMutation = graphql(`
  mutation UpdatePolicyDraft($input: UpdatePolicyDraftInput!) {
    updatePolicyDraft(input: $input) {
      ...PolicyFields
    }
  }
`);

export const PublishPolicyVersionMutation = graphql(`
  mutation PublishPolicyVersion($input: PublishPolicyVersionInput!) {
    publishPolicyVersion(input: $input) {
      version
      status
    }
  }
`);

export const AttachPolicyMutation = graphql(`
  mutation AttachPolicy($input: AttachPolicyInput!) {
    attachPolicy(input: $input) {
      id
    }
  }
`);

export const DetachPolicyMutation = graphql(`
  mutation DetachPolicy($input: AttachPolicyInput!) {
    detachPolicy(input: $input) {
      id
    }
  }
`);

export const EffectivePolicyQuery = graphql(`
  query EffectivePolicy($accountId: ID!) {
    effectivePolicy(accountId: $accountId) {
      accountId
      rules {
        ruleId
        kind
        action
        mode
        rule
        source {
          policyId
          policyName
          version
          scope
        }
        overrides {
          policyName
          scope
        }
        overriddenRules {
          action
          mode
          because
          source {
            policyName
            version
            scope
          }
        }
        combinedWith {
          policyName
        }
      }
    }
  }
`);

export const BacktestPolicyQuery = graphql(`
  query BacktestPolicy($input: BacktestPolicyInput!) {
    backtestPolicy(input: $input) {
      policyId
      comparedWithVersion
      totalPosts
      scannedPosts
      scannedTexts
      flaggedPosts
      newlyFlaggedPosts
      noLongerFlaggedPosts
      itemsTruncated
      tookMs
      rules {
        ruleId
        kind
        action
        mode
        label
        posts
        postsBefore
      }
      items {
        postId
        revision
        state
        updatedAt
        change
        text
        flaggedBefore
        account {
          id
          displayName
          handle
          network
        }
        findings {
          ruleId
          action
          message
          ruleLabel
          reason
          spans {
            start
            end
          }
        }
      }
    }
  }
`);

export const CompetitorsQuery = graphql(`
  query Competitors {
    competitors
  }
`);

export const SetCompetitorsMutation = graphql(`
  mutation SetCompetitors($names: [String!]!) {
    setCompetitors(input: { names: $names })
  }
`);
