import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { badInput } from '../common/errors';
import { pageSize } from '../common/pagination';
import { CurrentTx } from '../database/current-tx.decorator';
import type { Tx } from '../database/tx';
import { RequirePermission } from '../tenancy/access.decorator';
import { CurrentMember, type TenantActor } from '../tenancy/current-actor.decorator';
import { CreateWebhookInput, RedeliverInput, Webhook, WebhookActionInput, WebhookCreated, WebhookDelivery, WebhookDeliveryStatus } from './webhook.models';
import { WebhooksRepository, type DeliveryRow, type WebhookRow } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';
import { isId } from '../common/ids';

const toWebhook = (row: WebhookRow): Webhook => ({ id: row.id, url: row.url, events: row.events, createdAt: row.created_at });
const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  event: row.event,
  status: WebhookDeliveryStatus[row.status],
  attempts: row.attempts,
  lastStatus: row.last_status,
  lastError: row.last_error,
  nextAttemptAt: row.next_attempt_at,
  deliveredAt: row.delivered_at,
  createdAt: row.created_at,
  payload: row.payload,
});

@Resolver(() => Webhook)
export class WebhooksResolver {
  constructor(
    private readonly service: WebhooksService,
    private readonly rows: WebhooksRepository,
  ) {}

  @Query(() => [Webhook], { description: 'The organization’s webhooks.' })
  @RequirePermission('organization.update')
  async webhooks(@CurrentMember() actor: TenantActor, @CurrentTx() tx: Tx): Promise<Webhook[]> {
    return (await this.rows.list(tx, actor.organizationId)).map(toWebhook);
  }

  @Query(() => [WebhookDelivery], { description: 'A webhook’s deliveries, newest first (none for a webhook that is not this organization’s).' })
  @RequirePermission('organization.update')
  async webhookDeliveries(
    @CurrentMember() actor: TenantActor,
    @CurrentTx() tx: Tx,
    @Args('webhookId', { type: () => String }) webhookId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<WebhookDelivery[]> {
    if (!isId(webhookId)) throw badInput('webhookId', 'Not a webhook id.');
    return (await this.rows.deliveries(tx, actor.organizationId, webhookId, pageSize(first))).map(toDelivery);
  }

  @Mutation(() => WebhookCreated, { description: 'Adds a webhook; its signing secret is in the answer, once.' })
  @RequirePermission('organization.update')
  async createWebhook(@CurrentMember() actor: TenantActor, @Args('input') input: CreateWebhookInput, @CurrentTx() tx: Tx): Promise<WebhookCreated> {
    const { row, secret } = await this.service.create(tx, actor, input.url, input.events);
    return { webhook: toWebhook(row), secret };
  }

  @Mutation(() => Boolean)
  @RequirePermission('organization.update')
  async deleteWebhook(@CurrentMember() actor: TenantActor, @Args('input') input: WebhookActionInput, @CurrentTx() tx: Tx): Promise<boolean> {
    await this.service.delete(tx, actor, input.webhookId);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Sends a delivered or failed delivery again.' })
  @RequirePermission('organization.update')
  async redeliverWebhook(@CurrentMember() actor: TenantActor, @Args('input') input: RedeliverInput, @CurrentTx() tx: Tx): Promise<boolean> {
    await this.service.redeliver(tx, actor, input.deliveryId);
    return true;
  }
}
