import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { AuditService } from '../audit/audit.service';
import { badInput, conflict, notFound } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Tx } from '../database/tx';
import { Outbox } from '../outbox/outbox.service';
import { SecretBox } from '../secrets/secret-box';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import { WebhooksRepository, type WebhookRow } from './webhooks.repository';

export const WEBHOOK_EVENTS = ['post.approved', 'post.published', 'post.failed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const DELIVER_TOPIC = 'webhook.deliver';
const MAX_WEBHOOKS = 10;

/**
 * Webhooks: an organization's own systems hear of approvals and publications. Each event becomes
 * one delivery per listening webhook, in the transaction of the change (so it exists exactly when
 * the change does), sent by the `webhook.deliver` job, signed and retried with backoff.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns the webhook and its signing secret — shown this once, kept sealed. */
  async create(tx: Tx, actor: TenantActor, rawUrl: string, events: WebhookEvent[]): Promise<{ row: WebhookRow; secret: string }> {
    const url = this.checkUrl(rawUrl);
    const wanted = [...new Set(events)];
    if (!wanted.length) throw badInput('events', 'Choose at least one event.');
    if ((await this.webhooks.list(tx, actor.organizationId)).length >= MAX_WEBHOOKS) throw conflict(`An organization has at most ${MAX_WEBHOOKS} webhooks.`);
    const id = randomUUID();
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    await this.webhooks.insert(tx, {
      organizationId: actor.organizationId,
      id,
      url,
      events: wanted,
      sealedSecret: this.box.encrypt(secret, `webhook:${id}`),
      by: actor.userId,
    });
    await this.audit.record(tx, actor.organizationId, {
      action: 'webhook.created',
      actorUserId: actor.userId,
      targetType: 'webhook',
      targetId: id,
      data: { url, events: wanted },
    });
    return { row: { id, url, events: wanted, secret_encrypted: '', created_at: new Date() }, secret };
  }

  async delete(tx: Tx, actor: TenantActor, id: string): Promise<void> {
    const row = await this.webhooks.get(tx, actor.organizationId, id);
    if (!row || !(await this.webhooks.softDelete(tx, actor.organizationId, id))) throw notFound('This webhook');
    await this.audit.record(tx, actor.organizationId, {
      action: 'webhook.deleted',
      actorUserId: actor.userId,
      targetType: 'webhook',
      targetId: id,
      data: { url: row.url },
    });
  }

  /** Queues `event` for every webhook listening to it (in the caller's transaction). */
  async emit(tx: Tx, organizationId: string, event: WebhookEvent, data: Record<string, unknown>): Promise<void> {
    for (const hook of await this.webhooks.listening(tx, organizationId, event)) {
      const id = randomUUID();
      const payload = { id, event, createdAt: new Date().toISOString(), organizationId, data };
      await this.webhooks.insertDelivery(tx, { organizationId, id, webhookId: hook.id, event, payload });
      await this.outbox.add(tx, organizationId, DELIVER_TOPIC, { deliveryId: id });
    }
  }

  /** Sends a delivery again (the same body, a fresh signature). */
  async redeliver(tx: Tx, actor: TenantActor, deliveryId: string): Promise<void> {
    const delivery = await this.webhooks.delivery(tx, actor.organizationId, deliveryId);
    if (!delivery || !(await this.webhooks.get(tx, actor.organizationId, delivery.webhook_id))) throw notFound('This delivery');
    if (delivery.status === 'PENDING') throw conflict('This delivery is still being sent.');
    await this.webhooks.requeue(tx, actor.organizationId, deliveryId);
    await this.outbox.add(tx, actor.organizationId, DELIVER_TOPIC, { deliveryId });
    await this.audit.record(tx, actor.organizationId, {
      action: 'webhook.redelivered',
      actorUserId: actor.userId,
      targetType: 'webhook',
      targetId: delivery.webhook_id,
      data: { deliveryId, event: delivery.event },
    });
  }

  secretOf(row: WebhookRow): string {
    return this.box.decrypt(row.secret_encrypted, `webhook:${row.id}`);
  }

  /** https (http only outside production, for local receivers); in production not an IP address or localhost. */
  private checkUrl(raw: string): string {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      throw badInput('url', 'Write the full address, like https://example.com/hooks/clearpost.');
    }
    const allowed = this.config.production ? ['https:'] : ['https:', 'http:'];
    if (!allowed.includes(url.protocol)) throw badInput('url', 'A webhook is sent over https.');
    if (url.username || url.password) throw badInput('url', 'Put no credentials in the address: verify the signature instead.');
    if (this.config.production && (isIP(url.hostname.replace(/^\[|\]$/g, '')) || url.hostname === 'localhost')) {
      throw badInput('url', 'Use a public host name, not an IP address.');
    }
    return url.toString();
  }
}
