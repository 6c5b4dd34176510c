import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Outbox } from './outbox.service';

@Global()
@Module({ imports: [DiscoveryModule], providers: [Outbox], exports: [Outbox] })
export class OutboxModule {}
