import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { PoliciesModule } from '../policies/policies.module';
import { Connectors } from './connectors/connectors';
import { SandboxConnector } from './connectors/sandbox/sandbox.connector';
import { SandboxRepository } from './connectors/sandbox/sandbox.repository';
import { PublishJob } from './publishing.jobs';
import { PublishingService } from './publishing.service';

/** Publishing: publications, their job, the connectors. The resolver lives in PostsModule (it needs PostsService). */
@Module({
  imports: [MailModule, PoliciesModule],
  providers: [PublishingService, PublishJob, Connectors, SandboxConnector, SandboxRepository],
  exports: [PublishingService, Connectors, SandboxRepository],
})
export class PublishingModule {}
