import { Module } from '@nestjs/common';
import { WebhookDeliveryJob } from './webhooks.jobs';
import { WebhooksResolver } from './webhooks.resolver';
import { WebhooksService } from './webhooks.service';

@Module({ providers: [WebhooksService, WebhookDeliveryJob, WebhooksResolver], exports: [WebhooksService] })
export class WebhooksModule {}
