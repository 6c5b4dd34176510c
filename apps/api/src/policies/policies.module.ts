import { Module } from '@nestjs/common';
import { PoliciesResolver } from './policies.resolver';
import { PoliciesService } from './policies.service';

@Module({ providers: [PoliciesService, PoliciesResolver], exports: [PoliciesService] })
export class PoliciesModule {}
