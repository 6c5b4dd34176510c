import { Module } from '@nestjs/common';
import { ClientsResolver } from './clients.resolver';
import { ClientsService } from './clients.service';

@Module({ providers: [ClientsService, ClientsResolver], exports: [ClientsService] })
export class ClientsModule {}
