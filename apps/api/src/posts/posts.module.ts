import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { PoliciesModule } from '../policies/policies.module';
import { PolicyDocumentModule } from '../policy-document/policy-document.module';
import { PublishingModule } from '../publishing/publishing.module';
import { PublishingResolver } from '../publishing/publishing.resolver';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { ApprovalChainsService } from './approval-chains.service';
import { ApprovalsResolver } from './approvals.resolver';
import { PostCommentsService } from './post-comments.service';
import { PostReviewService } from './post-review.service';
import { PostReviewReminderJob } from './posts.jobs';
import { PostsResolver } from './posts.resolver';
import { PostsService } from './posts.service';

@Module({
  imports: [MailModule, PoliciesModule, PolicyDocumentModule, PublishingModule, WebhooksModule],
  providers: [
    PostsService,
    PostReviewService,
    ApprovalChainsService,
    PostCommentsService,
    PostsResolver,
    ApprovalsResolver,
    PostReviewReminderJob,
    PublishingResolver,
  ],
  exports: [PostsService, PostReviewService],
})
export class PostsModule {}
