import { Injectable } from '@nestjs/common';
import { retryDelaySeconds } from '@clearpost/post-workflow';
import type { Tx } from '../database/tx';
import { JobHandler, type Job, type JobContext } from '../outbox/job';
import { signatureHeader } from './webhook-signature';
import { DELIVER_TOPIC, WebhooksService } from './webhooks.service';
import { WebhooksRepository } from './webhooks.repository';

type Payload = { deliveryId: string };
interface Work {
  url: string;
  body: string;
  secret: string;
  event: string;
  deliveryId: string;
}
class DeliveryError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

const MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;

/** Sends one webhook delivery: signed, 10 s to answer with a 2xx, retried with backoff (8 attempts). */
@Injectable()
@JobHandler(DELIVER_TOPIC)
export class WebhookDeliveryJob implements Job<Payload, Work, number> {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly service: WebhooksService,
  ) {}

  async prepare(tx: Tx, job: JobContext<Payload>): Promise<Work | null> {
    const delivery = await this.webhooks.delivery(tx, job.organizationId, job.payload.deliveryId);
    if (!delivery || delivery.status !== 'PENDING') return null;
    const hook = await this.webhooks.get(tx, job.organizationId, delivery.webhook_id);
    if (!hook) return null; // deleted since
    return { url: hook.url, body: JSON.stringify(delivery.payload), secret: this.service.secretOf(hook), event: delivery.event, deliveryId: delivery.id };
  }

  async perform(_job: JobContext<Payload>, work: Work): Promise<number> {
    let response: Response;
    try {
      response = await fetch(work.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Clearpost-Webhooks/1',
          'clearpost-event': work.event,
          'clearpost-delivery': work.deliveryId,
          'clearpost-signature': signatureHeader(work.secret, work.body),
        },
        body: work.body,
      });
    } catch (error) {
      throw new DeliveryError(`The receiver could not be reached: ${(error as Error).message}`, null);
    }
    await response.body?.cancel();
    if (response.status < 200 || response.status >= 300) throw new DeliveryError(`The receiver answered ${response.status}.`, response.status);
    return response.status;
  }

  retry(_error: Error, attempt: number): { delaySeconds: number; final: boolean } {
    return { delaySeconds: retryDelaySeconds(attempt, Math.random()), final: attempt >= MAX_ATTEMPTS };
  }

  async succeeded(tx: Tx, job: JobContext<Payload>, status: number): Promise<void> {
    await this.webhooks.recordAttempt(tx, job.organizationId, job.payload.deliveryId, {
      status: 'DELIVERED',
      lastStatus: status,
      lastError: null,
      nextAttemptAt: null,
    });
  }

  async failed(tx: Tx, job: JobContext<Payload>, error: Error, final: boolean, retryAt: Date | null): Promise<void> {
    await this.webhooks.recordAttempt(tx, job.organizationId, job.payload.deliveryId, {
      status: final ? 'FAILED' : 'PENDING',
      lastStatus: error instanceof DeliveryError ? error.status : null,
      lastError: error.message.slice(0, 500),
      nextAttemptAt: retryAt,
    });
  }
}
