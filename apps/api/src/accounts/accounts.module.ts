import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients/clients.module';
import { SecretBox } from '../secrets/secret-box';
import { AccountsResolver } from './accounts.resolver';
import { AccountsService } from './accounts.service';

@Module({ imports: [ClientsModule], providers: [AccountsService, AccountsResolver, SecretBox], exports: [AccountsService, SecretBox] })
export class AccountsModule {}
