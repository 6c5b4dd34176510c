import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ClientsModule } from '../clients/clients.module';
import { MailModule } from '../mail/mail.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { InvitationsService } from './invitations.service';
import { MembersResolver } from './members.resolver';
import { MembersService } from './members.service';

@Module({
  imports: [AuthModule, ClientsModule, MailModule, OrganizationsModule],
  providers: [MembersService, InvitationsService, MembersResolver],
  exports: [MembersService],
})
export class MembersModule {}
