import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { pageSize } from '../common/pagination';
import { CurrentTx } from '../database/current-tx.decorator';
import type { Tx } from '../database/tx';
import { RequirePermission } from '../tenancy/access.decorator';
import { CurrentMember, type TenantActor } from '../tenancy/current-actor.decorator';
import { SentMailConnection } from './mail.models';
import { MailService } from './mail.service';

@Resolver()
export class MailResolver {
  constructor(private readonly mail: MailService) {}

  @Query(() => SentMailConnection, {
    description: 'Mail this organization sent, newest first. Links that grant more than the reader could grant are hidden (`redacted`).',
  })
  @RequirePermission('mail.read')
  async sentMail(
    @CurrentMember() actor: TenantActor,
    @CurrentTx() tx: Tx,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<SentMailConnection> {
    return this.mail.list(tx, actor.organizationId, actor.role, pageSize(first), after);
  }
}
