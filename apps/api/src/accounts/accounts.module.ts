import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients/clients.module';
import { AccountsResolver } from './accounts.resolver';
import { AccountsService } from './accounts.service';

@Module({ imports: [ClientsModule], providers: [AccountsService, AccountsResolver], exports: [AccountsService] })
export class AccountsModule {}
