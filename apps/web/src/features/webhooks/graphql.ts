import { graphql } from '../../gql';

export const WebhooksQuery = graphql(`
  query Webhooks {
    webhooks {
      id
      url
      events
      createdAt
    }
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($webhookId: String!) {
    webhookDeliveries(webhookId: $webhookId, first: 20) {
      id
      event
      status
      attempts
      lastStatus
      lastError
      nextAttemptAt
      createdAt
    }
  }
`);

export const CreateWebhookMutation = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      webhook {
        id
      }
      secret
    }
  }
`);

export const DeleteWebhookMutation = graphql(`
  mutation DeleteWebhook($webhookId: ID!) {
    deleteWebhook(input: { webhookId: $webhookId })
  }
`);

export const RedeliverWebhookMutation = graphql(`
  mutation RedeliverWebhook($deliveryId: ID!) {
    redeliverWebhook(input: { deliveryId: $deliveryId })
  }
`);
