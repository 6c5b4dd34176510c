import { Module } from '@nestjs/common';
import { PoliciesResolver } from './policies.resolver';
import { PoliciesService } from './policies.service';
import { PolicyAttachmentsService } from './policy-attachments.service';
import { PolicyBacktestService } from './policy-backtest.service';
import { PolicyChecksService } from './policy-checks.service';

@Module({
  providers: [PoliciesService, PolicyAttachmentsService, PolicyChecksService, PolicyBacktestService, PoliciesResolver],
  exports: [PoliciesService, PolicyChecksService],
})
export class PoliciesModule {}
