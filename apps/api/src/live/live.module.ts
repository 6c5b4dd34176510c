import { Global, Module } from '@nestjs/common';
import { LiveGateway } from './live.gateway';
import { LiveRepository } from './live.repository';
import { PostEvents } from './post-events';

/** Live updates: post events across processes (global: the audit trail publishes them) and the graphql-ws endpoint. */
@Global()
@Module({ providers: [PostEvents, LiveGateway, LiveRepository], exports: [PostEvents] })
export class LiveModule {}
