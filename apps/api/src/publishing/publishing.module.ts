import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { PoliciesModule } from '../policies/policies.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AccountConnectionsService } from './account-connections.service';
import { BlueskyConnector } from './connectors/bluesky/bluesky.connector';
import { Connectors } from './connectors/connectors';
import { MastodonConnector } from './connectors/mastodon/mastodon.connector';
import { SandboxConnector } from './connectors/sandbox/sandbox.connector';
import { SandboxRepository } from './connectors/sandbox/sandbox.repository';
import { PublishJob } from './publishing.jobs';
import { PublishingService } from './publishing.service';

/** Publishing: publications, their job, the connectors. The resolver lives in PostsModule (it needs PostsService). */
@Module({
  imports: [MailModule, PoliciesModule, WebhooksModule],
  providers: [PublishingService, PublishJob, Connectors, SandboxConnector, SandboxRepository, MastodonConnector, BlueskyConnector, AccountConnectionsService],
  exports: [PublishingService, Connectors, SandboxRepository, AccountConnectionsService],
})
export class PublishingModule {}
