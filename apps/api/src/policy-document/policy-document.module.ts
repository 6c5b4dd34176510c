import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { PolicyReminderJob } from './policy-document.jobs';
import { PolicyDocumentResolver } from './policy-document.resolver';
import { PolicyDocumentService } from './policy-document.service';

@Module({ imports: [MailModule], providers: [PolicyDocumentService, PolicyDocumentResolver, PolicyReminderJob], exports: [PolicyDocumentService] })
export class PolicyDocumentModule {}
