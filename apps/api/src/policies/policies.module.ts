import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PoliciesResolver } from './policies.resolver';
import { PoliciesService } from './policies.service';
import { PolicyAttachmentsService } from './policy-attachments.service';
import { PolicyChecksService } from './policy-checks.service';

@Module({
  imports: [OrganizationsModule],
  providers: [PoliciesService, PolicyAttachmentsService, PolicyChecksService, PoliciesResolver],
  exports: [PoliciesService, PolicyChecksService],
})
export class PoliciesModule {}
