import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, IsUUID, Length } from 'class-validator';
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { WEBHOOK_EVENTS, type WebhookEvent } from './webhooks.service';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus' });

@ObjectType({ description: 'Where an organization’s events are sent, signed with its secret (Clearpost-Signature: t=…,v1=HMAC-SHA256).' })
export class Webhook {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field(() => [String], { description: 'post.approved, post.published, post.failed.' })
  events: string[];

  @Field(() => GraphQLDateTime)
  createdAt: Date;
}

@ObjectType()
export class WebhookCreated {
  @Field(() => Webhook)
  webhook: Webhook;

  @Field({ description: 'The signing secret, shown this once: keep it where the receiver verifies signatures.' })
  secret: string;
}

@ObjectType({ description: 'One event sent (or being sent) to one webhook.' })
export class WebhookDelivery {
  @Field(() => ID)
  id: string;

  @Field()
  event: string;

  @Field(() => WebhookDeliveryStatus)
  status: WebhookDeliveryStatus;

  @Field(() => Int)
  attempts: number;

  @Field(() => Int, { nullable: true, description: 'The receiver’s last HTTP status.' })
  lastStatus: number | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  deliveredAt: Date | null;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => GraphQLJSONObject, { description: 'The body sent.' })
  payload: Record<string, unknown>;
}

@InputType()
export class CreateWebhookInput {
  @Field()
  @IsString()
  @Length(8, 2000, { message: 'Write the full address, like https://example.com/hooks/clearpost.' })
  url: string;

  @Field(() => [String])
  @IsArray()
  @ArrayMinSize(1, { message: 'Choose at least one event.' })
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS as unknown as string[], { each: true, message: `Events are ${WEBHOOK_EVENTS.join(', ')}.` })
  events: WebhookEvent[];
}

@InputType()
export class WebhookActionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not a webhook id.' })
  webhookId: string;
}

@InputType()
export class RedeliverInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not a delivery id.' })
  deliveryId: string;
}
