import { graphql } from '../../gql';

export const ApprovalChainsQuery = graphql(`
  query ApprovalChains {
    approvalChains {
      scope
      scopeId
      scopeName
      reminderHours
      updatedAt
      steps {
        name
        mode
        minApprovals
        approvers {
          roles
          memberIds
          clientApprovers
        }
      }
    }
  }
`);

export const SetApprovalChainMutation = graphql(`
  mutation SetApprovalChain($input: SetApprovalChainInput!) {
    setApprovalChain(input: $input) {
      scope
      scopeId
    }
  }
`);

export const ClientApproverEmailsQuery = graphql(`
  query ClientApproverEmails($clientId: ID!) {
    clientApproverEmails(clientId: $clientId)
  }
`);

export const SetClientApproverEmailsMutation = graphql(`
  mutation SetClientApproverEmails($input: ClientApproverEmailsInput!) {
    setClientApproverEmails(input: $input)
  }
`);
