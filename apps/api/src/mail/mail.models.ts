import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Connection } from '../common/pagination';

export enum MailDelivery {
  SMTP = 'SMTP',
  DATABASE = 'DATABASE',
}
registerEnumType(MailDelivery, {
  name: 'MailDelivery',
  description: 'SMTP: mail is sent (bodies are not kept once sent). DATABASE: no SMTP_URL, mail is kept here to be read on the Sent mail page.',
});

export enum MailStatus {
  QUEUED = 'QUEUED',
  SENT = 'SENT',
  STORED = 'STORED',
  FAILED = 'FAILED',
}
registerEnumType(MailStatus, { name: 'MailStatus' });

@ObjectType()
export class SentMail {
  @Field(() => ID)
  id: string;

  @Field()
  kind: string;

  @Field()
  to: string;

  @Field()
  subject: string;

  @Field(() => String, { nullable: true, description: 'Null once delivered by SMTP.' })
  text: string | null;

  @Field(() => String, { nullable: true, description: 'Null once delivered by SMTP.' })
  html: string | null;

  @Field({ description: 'True when links in this mail were hidden from you: only someone who could have issued them may see them.' })
  redacted: boolean;

  @Field(() => MailStatus)
  status: MailStatus;

  @Field(() => MailDelivery)
  transport: MailDelivery;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  sentAt: Date | null;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true })
  lastError: string | null;
}

@ObjectType()
export class SentMailConnection extends Connection(SentMail) {
  @Field(() => MailDelivery, { description: 'How this server delivers mail now.' })
  delivery: MailDelivery;
}
