import { Module } from '@nestjs/common';
import { DeliverMailJob } from './mail.jobs';
import { MailResolver } from './mail.resolver';
import { MailService } from './mail.service';
import { MailTransport } from './mail.transport';

@Module({ providers: [MailService, MailTransport, MailResolver, DeliverMailJob], exports: [MailService] })
export class MailModule {}
